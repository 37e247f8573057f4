import { headers } from "next/headers";
import { LiveRefresh } from "@/components/ui/auto-refresh";
import { Toaster } from "@/components/ui/toast";
import { requirePath } from "@/lib/auth/guard";
import { PATH_HEADER } from "@/lib/auth/pages";

/**
 * Every signed-in page: the page registry's check for the requested path, here above the
 * loading boundary so a signed-out redirect or a 403 is the response's status rather than a
 * streamed fallback. Each page checks again itself, since a client-side navigation between
 * dashboard pages does not re-render this layout. LiveRefresh keeps the open page current
 * (the topics each page shows are in lib/live/page-topics.ts). One Toaster serves every page's
 * toasts (components/ui/toast.tsx).
 */
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  await requirePath((await headers()).get(PATH_HEADER));
  return (
    <>
      {children}
      <LiveRefresh />
      <Toaster />
    </>
  );
}
