import { DataTable, type DataColumn } from "@/components/ui/data-table";
import { formatPercent, formatSeconds } from "@/lib/format";
import type { MetricsSnapshot } from "@/lib/metrics/snapshot";

type Cells = (string | number)[];

/** A small metrics table: on a phone each row is a card led by its first cell. */
function Table({ label, head, rows }: { label: string; head: string[]; rows: Cells[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">No data yet.</p>;
  const columns: DataColumn<Cells>[] = head.map((h, j) => ({
    id: `c${j}`,
    header: h,
    accessorFn: (r: Cells) => r[j],
    meta: j === 0 ? { phone: "title" } : { phoneLabel: h, className: "sm:whitespace-nowrap" },
  }));
  return <DataTable label={label} columns={columns} rows={rows} rowKey={(r) => String(r[0])} />;
}

/** Every metric per source and connector, as the alert rules see them. */
export function MetricsDetail({ s }: { s: MetricsSnapshot }) {
  return (
    <div className="space-y-4">
      <div>
        <h3 className="mb-1 text-sm font-semibold">Webhooks per source</h3>
        <Table
          label="Webhooks per source"
          head={[
            "source",
            "received 15 min",
            "failure 15 min",
            "received 24 h",
            "rejected 24 h",
            "failed 24 h",
            "failure 24 h",
          ]}
          rows={s.webhooks24h.map((d) => {
            const q = s.webhooks15m.find((x) => x.source === d.source);
            return [
              d.source,
              q?.received ?? 0,
              formatPercent(q?.rate),
              d.received,
              d.rejected,
              d.failed,
              formatPercent(d.rate),
            ];
          })}
        />
        <p className="mt-1 text-xs text-slate-500">
          Failure rate = (rejected + failed) / received. Rejected requests (bad signature) write
          nothing to the database; they are counted in memory by this server since its start.
        </p>
      </div>
      <div>
        <h3 className="mb-1 text-sm font-semibold">Sync latency per connector (24 h)</h3>
        <Table
          label="Sync latency per connector (24 h)"
          head={["connector", "succeeded", "p50", "p95"]}
          rows={s.syncLatency24h.map((l) => [
            l.target,
            l.count,
            formatSeconds(l.p50),
            formatSeconds(l.p95),
          ])}
        />
      </div>
      <div>
        <h3 className="mb-1 text-sm font-semibold">Backlog per connector</h3>
        <Table
          label="Backlog per connector"
          head={["connector", "waiting", "dead", "oldest waiting"]}
          rows={s.backlog.map((b) => [
            b.target,
            b.pending,
            b.dead,
            formatSeconds(b.oldestPendingAgeSeconds),
          ])}
        />
      </div>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <div>
          <h3 className="mb-1 text-sm font-semibold">Duplicate deliveries today</h3>
          <Table
            label="Duplicate deliveries today"
            head={["source", "dropped"]}
            rows={s.duplicatesToday.map((d) => [d.source, d.duplicates])}
          />
        </div>
        <div>
          <h3 className="mb-1 text-sm font-semibold">Duplicate side effects (24 h, must be 0)</h3>
          <Table
            label="Duplicate side effects (24 h, must be 0)"
            head={["action", "extra"]}
            rows={s.duplicateSideEffects24h.map((d) => [d.action, d.extra])}
          />
        </div>
      </div>
      <dl className="grid grid-cols-2 gap-2 text-sm">
        <div className="rounded-lg border border-slate-200 bg-white p-3">
          <dt className="text-xs text-slate-600">Support tickets opened, last hour</dt>
          <dd className="text-xl font-semibold">{s.ticketsLastHour}</dd>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-3">
          <dt className="text-xs text-slate-600">Payment → access active p95 (24 h)</dt>
          <dd className="text-xl font-semibold">{formatSeconds(s.paymentToAccessP95)}</dd>
        </div>
      </dl>
    </div>
  );
}
