import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { buttonClass } from "@/components/ui/button";
import { DataTable, dataColumns, type DataColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Pager } from "@/components/ui/pager";
import { StatusBadge } from "@/components/ui/status-badge";
import { TimeAgo } from "@/components/ui/time-ago";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { formatCount } from "@/lib/format";
import { LedgerSource, LedgerStatus } from "@/lib/generated/prisma/enums";
import { ZLedgerView, listLedgerEvents, listLedgerTypes } from "@/lib/ledger/list-ledger-events";
import { controlClass } from "@/components/ui/field";

export const metadata: Metadata = { title: "Event ledger" };
export const dynamic = "force-dynamic";

const field = "flex min-w-0 flex-col gap-1 text-xs font-medium text-slate-700";
const control = controlClass;

type LedgerRow = Awaited<ReturnType<typeof listLedgerEvents>>["rows"][number];

const customerName = (c: NonNullable<LedgerRow["customer"]>) =>
  c.name ?? c.email ?? "unnamed customer";

const col = dataColumns<LedgerRow>();
/** On a phone each event is a card: what happened, its state, who it is about and when. */
const columns: DataColumn<LedgerRow>[] = [
  col.accessor("type", {
    header: "Event",
    meta: { phone: "title", className: "sm:max-w-[16rem]" },
    cell: ({ row: { original: r } }) => (
      <>
        <Link
          href={`/ledger/${r.id}`}
          className="font-medium break-words text-indigo-700 hover:underline"
        >
          {r.type}
        </Link>
        <div className="truncate text-xs text-slate-500">
          {r.source} · {r.externalId}
        </div>
      </>
    ),
  }),
  col.accessor("status", {
    header: "Status",
    cell: ({ row: { original: r } }) => (
      <>
        <StatusBadge value={r.status} />
        {r.duplicateCount > 0 && (
          <div className="text-xs text-slate-500">{r.duplicateCount} duplicates</div>
        )}
      </>
    ),
  }),
  col.accessor("customer", {
    header: "Customer",
    meta: { className: "sm:max-w-[14rem] sm:truncate" },
    cell: ({ row: { original: r } }) =>
      r.customer ? (
        <Link href={`/customers/${r.customer.id}`} className="text-indigo-700 hover:underline">
          {customerName(r.customer)}
        </Link>
      ) : (
        <span className="text-slate-500">
          —<span className="sm:hidden"> no customer</span>
        </span>
      ),
  }),
  col.accessor("receivedAt", {
    header: "Received",
    meta: { phoneLabel: "Received" },
    cell: ({ row: { original: r } }) => <TimeAgo date={r.receivedAt} />,
  }),
];

function toLocalInput(d: Date | undefined) {
  return d ? d.toISOString().slice(0, 16) : "";
}

export default async function LedgerPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  await requirePage("/ledger");
  const raw = await searchParams;
  const view = ZLedgerView.parse(raw);
  const [{ rows, total, totalCapped, pageCount }, types] = await Promise.all([
    listLedgerEvents(db, view),
    listLedgerTypes(db),
  ]);
  const keep = new URLSearchParams(
    Object.entries(raw).filter(
      (e): e is [string, string] => typeof e[1] === "string" && e[1] !== "",
    ),
  );
  const hrefFor = (page: number) => {
    const p = new URLSearchParams(keep);
    p.set("page", String(page));
    return `/ledger?${p}`;
  };
  const filtered = Boolean(view.source || view.status || view.type || view.from || view.to);
  return (
    <section aria-labelledby="ledger-title" className="space-y-3">
      <div className="flex items-baseline justify-between gap-2">
        <h1 id="ledger-title" className="text-xl font-semibold">
          Event ledger
        </h1>
        <p className="text-sm text-slate-600" data-testid="ledger-total">
          {formatCount(total)}
          {totalCapped ? "+" : ""} {filtered ? "matching" : "events"}
        </p>
      </div>
      <form
        method="get"
        action="/ledger"
        aria-label="Filter events"
        className="grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-3 lg:grid-cols-6"
      >
        <label className={field}>
          Source
          <select name="source" defaultValue={view.source ?? ""} className={control}>
            <option value="">Any</option>
            {Object.values(LedgerSource).map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label className={field}>
          Status
          <select name="status" defaultValue={view.status ?? ""} className={control}>
            <option value="">Any</option>
            {Object.values(LedgerStatus).map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label className={`${field} col-span-2 sm:col-span-1 lg:col-span-2`}>
          Type
          <select name="type" defaultValue={view.type ?? ""} className={control}>
            <option value="">Any</option>
            {[...new Set([...types, ...(view.type ? [view.type] : [])])].map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label className={field}>
          Received from (UTC)
          <input
            type="datetime-local"
            name="from"
            defaultValue={toLocalInput(view.from)}
            className={control}
          />
        </label>
        <label className={field}>
          Received to (UTC)
          <input
            type="datetime-local"
            name="to"
            defaultValue={toLocalInput(view.to)}
            className={control}
          />
        </label>
        <div className="col-span-2 flex items-center gap-2 sm:col-span-3 lg:col-span-6">
          <button type="submit" className={buttonClass({ variant: "primary" })}>
            Apply filters
          </button>
          {filtered && (
            <Link href="/ledger" className="text-sm text-indigo-700 underline">
              Clear
            </Link>
          )}
        </div>
      </form>
      {rows.length === 0 && total > 0 && view.page > pageCount ? (
        <EmptyState title={`There is no page ${view.page}`}>
          <Link href={hrefFor(pageCount)} className="text-indigo-700 underline">
            Go to the last page ({pageCount})
          </Link>
        </EmptyState>
      ) : rows.length === 0 ? (
        <EmptyState title={filtered ? "No event matches these filters" : "No events yet"}>
          {filtered
            ? "Widen the time range or clear a filter."
            : "Webhooks appear here once a provider sends one."}
        </EmptyState>
      ) : (
        <>
          <DataTable
            label="Ledger events"
            columns={columns}
            rows={rows}
            rowKey={(r) => r.id}
            rowProps={(r) => ({ "data-ledger-id": r.id })}
            testId="ledger-table"
          />
          <Pager page={Math.min(view.page, pageCount)} pageCount={pageCount} hrefFor={hrefFor} />
        </>
      )}
    </section>
  );
}
