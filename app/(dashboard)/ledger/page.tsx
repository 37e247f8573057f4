import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Pager } from "@/components/ui/pager";
import { StatusBadge } from "@/components/ui/status-badge";
import { TimeAgo } from "@/components/ui/time-ago";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { LedgerSource, LedgerStatus } from "@/lib/generated/prisma/enums";
import { ZLedgerView, listLedgerEvents, listLedgerTypes } from "@/lib/ledger/list-ledger-events";
import { ScrollRegion } from "@/components/ui/scroll-region";

export const metadata: Metadata = { title: "Event ledger" };
export const dynamic = "force-dynamic";

const field = "flex min-w-0 flex-col gap-1 text-xs font-medium text-slate-700";
const control =
  "w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none";

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
          {total.toLocaleString("en-US")}
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
          <ScrollRegion
            label="Ledger events"
            className="rounded-lg border border-slate-200 bg-white"
          >
            <table className="w-full text-left text-sm" data-testid="ledger-table">
              <thead className="bg-slate-100 text-xs text-slate-600 uppercase">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Event
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Status
                  </th>
                  <th scope="col" className="hidden px-3 py-2 sm:table-cell">
                    Customer
                  </th>
                  <th scope="col" className="hidden px-3 py-2 sm:table-cell">
                    Received
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr
                    key={r.id}
                    className="border-t border-slate-100 align-top"
                    data-ledger-id={r.id}
                  >
                    <td className="max-w-[16rem] px-3 py-2">
                      <Link
                        href={`/ledger/${r.id}`}
                        className="font-medium break-words text-indigo-700 hover:underline"
                      >
                        {r.type}
                      </Link>
                      <div className="truncate text-xs text-slate-500">
                        {r.source} · {r.externalId}
                      </div>
                      {/* On a phone the customer and time columns are hidden: say them here. */}
                      <div className="text-xs text-slate-600 sm:hidden">
                        {r.customer ? (
                          <Link href={`/customers/${r.customer.id}`} className="text-indigo-700">
                            {r.customer.name ?? r.customer.email ?? "customer"}
                          </Link>
                        ) : (
                          "no customer"
                        )}{" "}
                        · <TimeAgo date={r.receivedAt} />
                      </div>
                    </td>
                    <td className="px-3 py-2">
                      <StatusBadge value={r.status} />
                      {r.duplicateCount > 0 && (
                        <div className="text-xs text-slate-500">{r.duplicateCount} duplicates</div>
                      )}
                    </td>
                    <td className="hidden max-w-[14rem] truncate px-3 py-2 sm:table-cell">
                      {r.customer ? (
                        <Link
                          href={`/customers/${r.customer.id}`}
                          className="text-indigo-700 hover:underline"
                        >
                          {r.customer.name ?? r.customer.email ?? "unnamed customer"}
                        </Link>
                      ) : (
                        <span className="text-slate-500">—</span>
                      )}
                    </td>
                    <td className="hidden px-3 py-2 sm:table-cell">
                      <TimeAgo date={r.receivedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <Pager page={Math.min(view.page, pageCount)} pageCount={pageCount} hrefFor={hrefFor} />
        </>
      )}
    </section>
  );
}
