import type { Metadata } from "next";
import { runDriftCheckAction, startStripeImportAction } from "@/app/actions/billing-sync";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { DataTable, dataColumns, type DataColumn } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/ui/status-badge";
import { requirePage } from "@/lib/auth/guard";
import { plainFormAction } from "@/lib/actions/action-state";
import type { Difference } from "@/lib/reconcile/compare-billing";
import { importProgress } from "@/lib/reconcile/import-progress";
import { latestSyncJobs } from "@/lib/reconcile/queries";
import { db } from "@/lib/db";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Billing sync" };
export const dynamic = "force-dynamic";

const pending = (job: { status: string } | null) =>
  job?.status === "queued" || job?.status === "running";

const when = (d: Date | null | undefined) =>
  d ? d.toISOString().replace("T", " ").slice(0, 19) + " UTC" : "—";

const drift = dataColumns<Difference>();
/** One difference between our copy and Stripe: on a phone, the field, both values and the repair. */
const driftColumns: DataColumn<Difference>[] = [
  drift.accessor("field", { header: "Field", meta: { phone: "title" } }),
  drift.accessor("customerId", {
    header: "Customer",
    meta: { phoneLabel: "Customer" },
    cell: (i) => <span className="font-mono text-xs">{i.getValue()}</span>,
  }),
  drift.accessor("object", {
    header: "Stripe object",
    meta: { phone: "hidden" },
    cell: (i) => <span className="font-mono text-xs">{i.getValue()}</span>,
  }),
  drift.accessor("ours", {
    header: "Ours",
    meta: { phoneLabel: "Ours" },
    cell: (i) => i.getValue() ?? "—",
  }),
  drift.accessor("stripe", {
    header: "Stripe",
    meta: { phoneLabel: "Stripe" },
    cell: (i) => i.getValue() ?? "—",
  }),
  drift.accessor("repairable", {
    header: "Repair",
    meta: { phoneLabel: "Repair" },
    cell: (i) => (i.getValue() ? "through the event path" : "needs a person"),
  }),
];

/**
 * Founder page: Stripe import progress and the last drift report, with buttons to run them
 * (as jobs); it refreshes itself while one is queued or running.
 */
export default async function BillingSyncPage() {
  await requirePage("/settings/billing-sync");
  const { lastImport, lastDrift } = await latestSyncJobs(db);
  const report = (lastDrift?.report ?? []) as Difference[];
  return (
    <div className="space-y-8">
      <AutoRefresh active={pending(lastImport) || pending(lastDrift)} />
      <section aria-labelledby="import-title" className="space-y-2">
        <h1 id="import-title" className="text-xl font-semibold">
          Import from Stripe
        </h1>
        {lastImport ? (
          <dl
            className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4"
            data-testid="import-progress"
          >
            <dt className="text-slate-500">Status</dt>
            <dd>
              <StatusBadge value={lastImport.status} />
            </dd>
            <dt className="text-slate-500">
              {pending(lastImport) ? "Customers imported so far" : "Customers imported"}
            </dt>
            <dd>{importProgress(lastImport)}</dd>
            <dt className="text-slate-500">Started</dt>
            <dd>{when(lastImport.startedAt)}</dd>
            <dt className="text-slate-500">Finished</dt>
            <dd>{when(lastImport.finishedAt)}</dd>
            {pending(lastImport) && (
              <>
                <dt className="text-slate-500">Last progress saved</dt>
                <dd>{when(lastImport.updatedAt)}</dd>
              </>
            )}
            {lastImport.error && (
              <>
                <dt className="text-slate-500">Stopped because</dt>
                <dd className="col-span-3 text-red-700">{lastImport.error}</dd>
              </>
            )}
          </dl>
        ) : (
          <p className="text-sm text-slate-600">No import has run yet.</p>
        )}
        {pending(lastImport) && (
          <p className="text-sm text-slate-600">
            The import saves its place after every customer: if the server restarts, it carries on
            from there by itself.
          </p>
        )}
        <form action={plainFormAction(startStripeImportAction)}>
          <button type="submit" className={buttonClass({ variant: "primary" })}>
            {lastImport && lastImport.status !== "done"
              ? "Resume import"
              : "Import customers from Stripe"}
          </button>
        </form>
      </section>

      <section aria-labelledby="drift-title" className="space-y-2">
        <h2 id="drift-title" className="text-lg font-semibold">
          Drift check
        </h2>
        {lastDrift ? (
          <p className="text-sm text-slate-700" data-testid="drift-summary">
            <StatusBadge value={lastDrift.status} /> {when(lastDrift.startedAt)}:{" "}
            {lastDrift.processed} customers checked
            {pending(lastDrift) ? " so far" : ""}, {report.length} differences, {lastDrift.repaired}{" "}
            repaired.
          </p>
        ) : (
          <p className="text-sm text-slate-600">No drift check has run yet.</p>
        )}
        {report.length > 0 && (
          <DataTable
            label="Drift report"
            columns={driftColumns}
            rows={report}
            rowKey={(d) => `${d.customerId}:${d.object}:${d.field}`}
            testId="drift-report"
          />
        )}
        <form action={plainFormAction(runDriftCheckAction)}>
          <button type="submit" className={buttonClass({ variant: "primary" })}>
            Check for drift now
          </button>
        </form>
      </section>
    </div>
  );
}
