"use client";

import { Link } from "@/components/ui/link";
import { usePathname, useSearchParams } from "next/navigation";
import { createContext, useContext } from "react";
import { dataColumns, DataTable, type DataColumn } from "@/components/ui/data-table";
import { Pager } from "@/components/ui/pager";
import { StatusBadge } from "@/components/ui/status-badge";
import { TimeAgo } from "@/components/ui/time-ago";
import type { CustomerRow, CustomerSort } from "@/lib/customers/queries";

/**
 * The server's "now", so relative times render the same text on the server and during
 * hydration. With the browser's own clock "59s ago" could hydrate as "1m ago": React then
 * discards the server HTML and re-creates the page, losing what the user had already typed
 * or selected in the filter form above the table.
 */
const RenderedAt = createContext<Date | null>(null);

function LastSyncTime({ date }: { date: Date | string | null }) {
  const now = useContext(RenderedAt);
  return <TimeAgo date={date} now={now ?? undefined} />;
}
const helper = dataColumns<CustomerRow>();

const columns: DataColumn<CustomerRow>[] = [
  helper.accessor("email", {
    meta: { phone: "title", sortKey: "email" },
    header: "Customer",
    cell: (info) => (
      <div className="min-w-0">
        <Link
          href={`/customers/${info.row.original.id}`}
          className="block truncate font-medium text-indigo-700 hover:underline"
        >
          {info.row.original.name ?? info.getValue() ?? info.row.original.id}
        </Link>
        <div className="truncate text-xs text-slate-600">
          {info.getValue() ?? info.row.original.stripeCustomerId}
        </div>
      </div>
    ),
  }),
  helper.accessor("billingStatus", {
    meta: { phone: "hidden", sortKey: "billingStatus" },
    header: "Billing",
    cell: (info) => <StatusBadge value={info.getValue()} />,
  }),
  helper.accessor("accessStatus", {
    meta: { sortKey: "accessStatus" },
    header: "Access",
    cell: (info) => {
      const reason = info.row.original.blockedReasons[0];
      return (
        <>
          <StatusBadge value={info.getValue()} />
          {reason && (
            <span className="sr-only" data-testid="reason-code">
              {reason.code.replaceAll("_", " ")}
            </span>
          )}
        </>
      );
    },
  }),
  helper.accessor("lastSyncedAt", {
    meta: { sortKey: "lastSyncedAt" },
    header: "Last sync",
    cell: (info) => {
      const { sync } = info.row.original;
      return (
        <div className="space-y-1 max-sm:text-xs max-sm:text-slate-600">
          <span className="sm:hidden">Last sync </span>
          <LastSyncTime date={info.getValue()} />
          {sync.state !== "ok" && (
            <div title={sync.lastError ?? undefined}>
              <StatusBadge value={sync.state === "pending" ? "sync pending" : "sync failed"} />
            </div>
          )}
        </div>
      );
    },
  }),
  helper.accessor("blockedReasons", {
    header: "Why not active",
    cell: (info) => {
      const r = info.getValue()[0];
      return r ? (
        <span className="text-slate-700">
          {r.message}
          {r.nextAction && (
            <span className="block text-xs text-slate-500">Next: {r.nextAction}</span>
          )}
        </span>
      ) : (
        <span className="text-slate-500">—</span>
      );
    },
  }),
];

type Props = {
  rows: CustomerRow[];
  /** When the server rendered the page (ISO time); relative times count from it. */
  renderedAt: string;
  sort: CustomerSort;
  dir: "asc" | "desc";
  page: number;
  pageCount: number;
};

/**
 * One server-sorted, server-paginated page; sorting and paging are links (state lives in the
 * URL). On a phone each row is a card with what matters: the customer, the access state, why
 * and when (last sync); billing stays on wider screens.
 */
export function CustomersTable({ rows, renderedAt, sort, dir, page, pageCount }: Props) {
  const pathname = usePathname();
  const params = useSearchParams();
  const href = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(patch)) next.set(k, v);
    return `${pathname}?${next.toString()}`;
  };

  return (
    <RenderedAt value={new Date(renderedAt)}>
      <div className="space-y-3">
        <DataTable
          label="Customers"
          columns={columns}
          rows={rows}
          rowKey={(r) => r.id}
          rowProps={(r) => ({ "data-customer-id": r.id })}
          sort={{ key: sort, dir, href: (key, d) => href({ sort: key, dir: d, page: "1" }) }}
          testId="customers-table"
        />
        <Pager page={page} pageCount={pageCount} hrefFor={(p) => href({ page: String(p) })} />
      </div>
    </RenderedAt>
  );
}
