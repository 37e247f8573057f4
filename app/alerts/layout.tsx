import { requirePagePermission } from "@/lib/auth/guard";

/** Checked here as well as in the page so the status (redirect / 403) is set before streaming starts. */
export default async function AlertsLayout({ children }: { children: React.ReactNode }) {
  await requirePagePermission("overview.read", "/alerts");
  return children;
}
