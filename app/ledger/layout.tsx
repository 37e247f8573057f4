import { requirePagePermission } from "@/lib/auth/guard";

/** Checked here as well as in the pages so the status (redirect / 403) is set before streaming starts. */
export default async function LedgerLayout({ children }: { children: React.ReactNode }) {
  await requirePagePermission("ledger.read", "/ledger");
  return children;
}
