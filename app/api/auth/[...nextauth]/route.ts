// GET/POST /api/auth/* — next-auth (email magic link; demo sign-in in demo mode only)
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { clientIp } from "@/lib/auth/client-ip";
import { authOptions } from "@/lib/auth/options";
import { env } from "@/lib/env";

type Ctx = { params: Promise<{ nextauth: string[] }> };

function handler(req: NextRequest, ctx: Ctx) {
  // The client IP (trusted proxies only) rate-limits link requests alongside the address.
  return NextAuth(req, ctx, authOptions({ clientIp: clientIp(req.headers, env.TRUST_PROXY_HOPS) }));
}

export { handler as GET, handler as POST };
