import { Link } from "@/components/ui/link";
import { Suspense } from "react";
import { LatestEvents } from "@/components/ledger/latest-events";
import {
  AlertsSection,
  BacklogSection,
  BusinessChartsSection,
  ChartsSection,
  HealthSection,
  JourneysSection,
  NeedsYouSection,
  NextActionsSection,
  SectionSkeleton,
} from "@/components/overview/sections";
import { DemoNote } from "@/components/overview/demo-note";
import { acknowledgeAlertAction } from "@/app/actions/alerts";
import { retryLedgerEventAction } from "@/app/actions/retry-ledger-event";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
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
 * Founder overview, phone first: who needs action and the money at risk, then the customers
 * by access, the last journeys end to end and the business, then the flow's health. Every
 * number opens what it counts. Other roles land on the customers list (checked here, on the
 * server). Slow sections stream in on their own.
 */
export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePage("/");
  const problemsOnly = (await searchParams).journeys === "problems";
  const [counts, events] = await Promise.all([countByAccessStatus(db), latestLedgerEvents(db)]);
  return (
    <div className="space-y-6">
      <h1 className="sr-only">Founder overview</h1>
      {env.DEMO_MODE && <DemoNote />}
      <section aria-labelledby="needs-title" className="space-y-2">
        <h2 id="needs-title" className="text-lg font-semibold">
          Needs you
        </h2>
        <Suspense fallback={<SectionSkeleton />}>
          <NeedsYouSection />
        </Suspense>
        <h3 className="pt-2 text-sm font-semibold text-slate-700">Next action required</h3>
        <Suspense fallback={<SectionSkeleton rows={3} />}>
          <NextActionsSection />
        </Suspense>
      </section>
      <Suspense fallback={<SectionSkeleton rows={1} />}>
        <BacklogSection />
      </Suspense>
      <section aria-labelledby="access-title">
        <h2 id="access-title" className="mb-2 text-lg font-semibold">
          Customers by access
        </h2>
        <div className="grid grid-cols-3 gap-2 lg:grid-cols-6">
          {order.map(({ status, label, tone }) => (
            <Link
              key={status}
              href={`/customers?access=${status}`}
              className="rounded-lg border border-slate-200 bg-white p-3 hover:border-indigo-300"
              data-testid={`count-${status}`}
            >
              <div className="text-xs text-slate-600">{label}</div>
              <div className={`text-2xl font-semibold ${tone}`}>{counts[status]}</div>
            </Link>
          ))}
        </div>
      </section>
      <section aria-labelledby="journeys-title">
        <h2 id="journeys-title" className="mb-2 text-lg font-semibold">
          Last 20 journeys, end to end
        </h2>
        <Suspense fallback={<SectionSkeleton rows={4} />}>
          <JourneysSection problemsOnly={problemsOnly} />
        </Suspense>
      </section>
      <section aria-labelledby="business-title">
        <h2 id="business-title" className="mb-2 text-lg font-semibold">
          The business
        </h2>
        <Suspense fallback={<SectionSkeleton rows={1} />}>
          <BusinessChartsSection />
        </Suspense>
      </section>
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
