import Link from "next/link";
import { currentActor } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { SignOutButton } from "@/components/nav/sign-out-button";

/** Shows the links the actor may use; the pages enforce the same permissions themselves. */
export async function TopNav() {
  const actor = await currentActor();
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav
        className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-3 py-3 sm:px-6"
        aria-label="Main"
      >
        <Link href="/" className="font-semibold text-indigo-700">
          Launch Ready
        </Link>
        {actor && can(actor.role, "overview.read") && (
          <>
            <Link href="/" className="text-sm text-slate-700 hover:text-slate-950">
              Overview
            </Link>
            <Link href="/alerts" className="text-sm text-slate-700 hover:text-slate-950">
              Alerts
            </Link>
          </>
        )}
        {actor && can(actor.role, "customer.read") && (
          <Link href="/customers" className="text-sm text-slate-700 hover:text-slate-950">
            Customers
          </Link>
        )}
        {actor && can(actor.role, "ledger.read") && (
          <Link href="/ledger" className="text-sm text-slate-700 hover:text-slate-950">
            Ledger
          </Link>
        )}
        {actor && can(actor.role, "exception.read") && (
          <Link href="/exceptions" className="text-sm text-slate-700 hover:text-slate-950">
            Exceptions
          </Link>
        )}
        {actor && can(actor.role, "billing.sync") && (
          <Link
            href="/settings/billing-sync"
            className="text-sm text-slate-700 hover:text-slate-950"
          >
            Billing sync
          </Link>
        )}
        {actor && can(actor.role, "approval.read") && (
          <Link href="/approvals" className="text-sm text-slate-700 hover:text-slate-950">
            Approvals
          </Link>
        )}
        {actor && can(actor.role, "audit.read") && (
          <Link href="/audit" className="text-sm text-slate-700 hover:text-slate-950">
            Audit log
          </Link>
        )}
        {actor && can(actor.role, "settings.read") && (
          <Link href="/settings" className="text-sm text-slate-700 hover:text-slate-950">
            Settings
          </Link>
        )}
        <div className="ml-auto flex items-center gap-3 text-sm">
          {actor ? (
            <>
              <span className="hidden text-slate-600 sm:inline" data-testid="whoami">
                {actor.name ?? actor.email} · {actor.role}
              </span>
              <SignOutButton />
            </>
          ) : (
            <Link href="/signin" className="text-indigo-700">
              Sign in
            </Link>
          )}
        </div>
      </nav>
    </header>
  );
}
