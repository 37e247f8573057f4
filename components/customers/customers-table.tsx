"use client";

import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { Link } from "@/components/ui/link";
import { usePathname, useSearchParams } from "next/navigation";
import { createContext, useContext } from "react";
import { StatusBadge } from "@/components/ui/status-badge";
import { TimeAgo } from "@/components/ui/time-ago";
import type { CustomerRow, CustomerSort } from "@/lib/customers/queries";
import { ScrollRegion } from "@/components/ui/scroll-region";

const features = tableFeatures({});

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
const helper = createColumnHelper<typeof features, CustomerRow>();

const columns = helper.columns([
  helper.accessor("email", {
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
    header: "Billing",
    cell: (info) => <StatusBadge value={info.getValue()} />,
  }),
  helper.accessor("accessStatus", {
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
]);

/**
 * On a phone each row is a card with what matters: the customer, the access state, why and
 * when (last sync); billing stays on wider screens.
 */
const hiddenOnPhone = new Set(["billingStatus"]);
const cellClass = (columnId: string) =>
  hiddenOnPhone.has(columnId) ? "hidden sm:table-cell" : "max-sm:block max-sm:px-0 max-sm:py-0.5";

const sortableColumns: Partial<Record<string, CustomerSort>> = {
  email: "email",
  billingStatus: "billingStatus",
  accessStatus: "accessStatus",
  lastSyncedAt: "lastSyncedAt",
};

type Props = {
  rows: CustomerRow[];
  /** When the server rendered the page (ISO time); relative times count from it. */
  renderedAt: string;
  sort: CustomerSort;
  dir: "asc" | "desc";
  page: number;
  pageCount: number;
};

/** Renders one server-sorted, server-paginated page; sorting and paging are links (state lives in the URL). */
export function CustomersTable({ rows, renderedAt, sort, dir, page, pageCount }: Props) {
  const table = useTable({ features, columns, data: rows });
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
        <ScrollRegion
          label="Customers"
          className="rounded-lg border-slate-200 sm:border sm:bg-white"
        >
          <table className="w-full text-left text-sm max-sm:block" data-testid="customers-table">
            <thead className="bg-slate-100 text-xs text-slate-600 uppercase max-sm:hidden">
              {table.getHeaderGroups().map((hg) => (
                <tr key={hg.id}>
                  {hg.headers.map((header) => {
                    const key = sortableColumns[header.column.id];
                    const active = key === sort;
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        className={`px-3 py-2 ${cellClass(header.column.id)}`}
                        aria-sort={
                          active ? (dir === "asc" ? "ascending" : "descending") : undefined
                        }
                      >
                        {key ? (
                          <Link
                            href={href({
                              sort: key,
                              dir: active && dir === "asc" ? "desc" : "asc",
                              page: "1",
                            })}
                            className="hover:underline"
                          >
                            <table.FlexRender header={header} />
                            {active ? (dir === "asc" ? " ▲" : " ▼") : ""}
                          </Link>
                        ) : (
                          <table.FlexRender header={header} />
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody className="max-sm:block max-sm:space-y-2">
              {table.getRowModel().rows.map((row) => (
                <tr
                  key={row.id}
                  className="border-t border-slate-100 align-top max-sm:block max-sm:rounded-lg max-sm:border max-sm:border-slate-200 max-sm:bg-white max-sm:p-3"
                  data-customer-id={row.original.id}
                >
                  {row.getAllCells().map((cell) => (
                    <td
                      key={cell.id}
                      data-column={cell.column.id}
                      className={`px-3 py-2 sm:max-w-[22rem] ${cellClass(cell.column.id)}`}
                    >
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
        <nav className="flex items-center justify-between text-sm" aria-label="Pagination">
          {page > 1 ? (
            <Link
              href={href({ page: String(page - 1) })}
              className="rounded border border-slate-300 bg-white px-3 py-1.5"
            >
              Previous
            </Link>
          ) : (
            <span />
          )}
          <span className="text-slate-600">
            Page {page} of {pageCount}
          </span>
          {page < pageCount ? (
            <Link
              href={href({ page: String(page + 1) })}
              className="rounded border border-slate-300 bg-white px-3 py-1.5"
            >
              Next
            </Link>
          ) : (
            <span />
          )}
        </nav>
      </div>
    </RenderedAt>
  );
}
