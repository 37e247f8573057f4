import Link from "next/link";
import { Suspense } from "react";
import { LatestEvents } from "@/components/ledger/latest-events";
import {
  AlertsSection,
  ChartsSection,
  HealthSection,
  NextActionsSection,
  SectionSkeleton,
} from "@/components/overview/sections";
import { acknowledgeAlertAction } from "@/app/actions/alerts";
import { retryLedgerEventAction } from "@/app/actions/retry-ledger-event";
import { requirePage } from "@/lib/auth/guard";
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

/**
 * Founder overview: is the flow healthy, what needs me, what fired. Other roles land on
 * the customers list (checked here, on the server). Slow sections stream in on their own.
 */
export default async function OverviewPage() {
  const actor = await requirePage("/");
  const [counts, events] = await Promise.all([countByAccessStatus(db), latestLedgerEvents(db)]);
  return (
    <div className="space-y-6">
      <h1 className="sr-only">Founder overview</h1>
      <section aria-labelledby="health-title">
        <div className="mb-2 flex items-baseline justify-between gap-2">
          <h2 id="health-title" className="text-lg font-semibold">
            Flow health
          </h2>
          <Link href="/alerts" className="text-sm text-indigo-700 hover:underline">
            Alerts and metrics
          </Link>
        </div>
        <Suspense fallback={<SectionSkeleton />}>
          <HealthSection />
        </Suspense>
      </section>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <section aria-labelledby="next-title" className="min-w-0">
          <h2 id="next-title" className="mb-2 text-lg font-semibold">
            Next action required
          </h2>
          <Suspense fallback={<SectionSkeleton rows={3} />}>
            <NextActionsSection />
          </Suspense>
        </section>
        <section aria-labelledby="alerts-title" className="min-w-0">
          <h2 id="alerts-title" className="mb-2 text-lg font-semibold">
            Recent alerts
          </h2>
          <Suspense fallback={<SectionSkeleton rows={3} />}>
            <AlertsSection
              canManage={can(actor.role, "alert.manage")}
              acknowledge={acknowledgeAlertAction}
            />
          </Suspense>
        </section>
      </div>
      <section aria-labelledby="access-title">
        <h2 id="access-title" className="mb-2 text-lg font-semibold">
          Customers by access
        </h2>
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
      <section aria-labelledby="charts-title">
        <h2 id="charts-title" className="mb-2 text-lg font-semibold">
          Volume, failures and latency
        </h2>
        <Suspense fallback={<SectionSkeleton rows={1} />}>
          <ChartsSection />
        </Suspense>
      </section>
      <section aria-labelledby="events-title">
        <h2 id="events-title" className="mb-2 text-lg font-semibold">
          Latest webhooks
        </h2>
        <LatestEvents
          events={events}
          canRetry={can(actor.role, "ledger.retry")}
          retry={retryLedgerEventAction}
        />
      </section>
    </div>
  );
}
