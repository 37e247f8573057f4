// Every page request — forward the requested path to the dashboard layout's guard
import { NextResponse, type NextRequest } from "next/server";
import { PATH_HEADER } from "@/lib/auth/pages";

/**
 * Only passes the path on: access is decided by the layout and by each page on the server
 * (lib/auth/guard.ts), never here. The header is overwritten, so a client-sent one is ignored.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  // Path and query: the guard sends a signed-out person to sign-in with the whole deep link.
  headers.set(PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Everything but route handlers and Next's own assets: every page and server action POST.
  matcher: ["/((?!api/|_next/static/|_next/image/).*)"],
};
