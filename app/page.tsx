import Link from "next/link";
import { redirect } from "next/navigation";
import { LatestEvents } from "@/components/ledger/latest-events";
import { currentActor } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { countByAccessStatus } from "@/lib/customers/queries";
import type { AccessStatus } from "@/lib/generated/prisma/enums";
import { latestLedgerEvents } from "@/lib/ledger/queries";

export const dynamic = "force-dynamic";

const order: { status: AccessStatus; label: string; tone: string }[] = [
  { status: "active", label: "Active", tone: "text-emerald-700" },
  { status: "trial", label: "Trial", tone: "text-sky-700" },
  { status: "past_due", label: "Past due", tone: "text-amber-700" },
  { status: "blocked", label: "Blocked", tone: "text-red-700" },
  { status: "canceled", label: "Canceled", tone: "text-zinc-700" },
  { status: "lead", label: "Leads", tone: "text-slate-700" },
];

/** Founder overview. Other roles land on the customers list (checked here, on the server). */
export default async function OverviewPage() {
  const actor = await currentActor();
  if (!actor) redirect("/signin?callbackUrl=%2F");
  if (!can(actor.role, "overview.read")) redirect("/customers");
  const [counts, events] = await Promise.all([countByAccessStatus(db), latestLedgerEvents(db)]);
  return (
    <div className="space-y-6">
      <section aria-labelledby="access-title">
        <h1 id="access-title" className="mb-2 text-xl font-semibold">
          Customers by access
        </h1>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
          {order.map(({ status, label, tone }) => (
            <Link
              key={status}
              href="/customers"
              className="rounded-lg border border-slate-200 bg-white p-3 hover:border-indigo-300"
              data-testid={`count-${status}`}
            >
              <div className="text-xs text-slate-600">{label}</div>
              <div className={`text-2xl font-semibold ${tone}`}>{counts[status]}</div>
            </Link>
          ))}
        </div>
      </section>
      <section aria-labelledby="events-title">
        <h2 id="events-title" className="mb-2 text-lg font-semibold">
          Latest webhooks
        </h2>
        <LatestEvents events={events} canRetry={can(actor.role, "ledger.retry")} />
      </section>
    </div>
  );
}
