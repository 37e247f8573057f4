import { requirePagePermission } from "@/lib/auth/guard";

/** Checked here as well as in the page so the status (redirect / 403) is set before streaming starts. */
export default async function AuditLayout({ children }: { children: React.ReactNode }) {
  await requirePagePermission("audit.read", "/audit");
  return children;
}
