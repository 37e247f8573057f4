import {
  constructTable,
  createColumnHelper,
  flexRender,
  tableFeatures,
  type ColumnDef,
  type RowData,
} from "@tanstack/react-table";
import { renderPhaseReactivity } from "@tanstack/table-core/reactivity";
import { batch, createAtom } from "@tanstack/store";
import { Link } from "@/components/ui/link";
import { EmptyState } from "@/components/ui/empty-state";
import { ScrollRegion } from "@/components/ui/scroll-region";

/**
 * A table built once per render with TanStack's core (no hooks), so it renders in server
 * components as well as client ones: pages keep fetching on the server and ship no table
 * JavaScript. Sorting and paging live in the URL; the server sorts.
 */
const features = tableFeatures({
  coreReactivityFeature: renderPhaseReactivity({ createAtom, batch }),
  columnMeta: {} as DataColumnMeta,
});
type Features = typeof features;

/** How a column shows at phone width, where each row becomes a card. */
export type PhoneRole =
  /** The card's heading line (who or what). */
  | "title"
  /** A line of its own, labelled with the column's header when `phoneLabel` is set. */
  | "line"
  /** Not on the card (the fields that matter are enough on a phone). */
  | "hidden";

export type DataColumnMeta = {
  phone?: PhoneRole;
  /** Prefix on the phone card ("Last sync"); the header is hidden there. */
  phoneLabel?: string;
  /** The server sort key this column orders by, when it can. */
  sortKey?: string;
  className?: string;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- columns of mixed value types
export type DataColumn<T extends RowData> = ColumnDef<Features, T, any>;

/** A typed column helper for `DataTable` columns. */
export function dataColumns<T extends RowData>() {
  return createColumnHelper<Features, T>();
}

export type DataTableSort = {
  key: string;
  dir: "asc" | "desc";
  /** The link that orders by `key` in `dir` (first page). */
  href: (key: string, dir: "asc" | "desc") => string;
};

export function DataTable<T extends RowData>({
  label,
  columns,
  rows,
  rowKey,
  rowProps,
  sort,
  empty,
  caption,
  testId,
}: {
  /** Names the scroll region that holds the table ("Customers"). */
  label: string;
  columns: DataColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** Extra attributes on each row (data-* hooks that tests and live updates read). */
  rowProps?: (row: T) => Record<`data-${string}`, string>;
  sort?: DataTableSort;
  /** Shown instead of the table when there are no rows. */
  empty?: { title: string; body?: React.ReactNode };
  /** A caption for screen readers. */
  caption?: string;
  testId?: string;
}) {
  if (rows.length === 0 && empty) {
    return <EmptyState title={empty.title}>{empty.body}</EmptyState>;
  }
  const table = constructTable({
    features,
    columns,
    data: rows,
    getRowId: (row: T) => rowKey(row),
  });
  const metaOf = (c: { columnDef: { meta?: DataColumnMeta } }): DataColumnMeta =>
    c.columnDef.meta ?? {};
  const cellClass = (phone: PhoneRole | undefined, extra = "") =>
    `px-3 py-2 ${extra} ${
      phone === "hidden"
        ? "hidden sm:table-cell"
        : phone === "title"
          ? "max-sm:block max-sm:px-0 max-sm:pb-1 max-sm:pt-0"
          : "max-sm:block max-sm:px-0 max-sm:py-0.5"
    }`;
  // On a phone the header row is hidden (rows are cards): its sort links become a bar.
  const sortable = sort
    ? table
        .getFlatHeaders()
        .filter((h) => metaOf(h.column).sortKey)
        .map((h) => ({ header: h, key: metaOf(h.column).sortKey! }))
    : [];
  return (
    <>
      {sort && sortable.length > 0 && (
        <nav
          aria-label={`Sort ${label.toLowerCase()}`}
          className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm sm:hidden"
        >
          <span className="text-slate-600">Sort by</span>
          {sortable.map(({ header, key }) => {
            const active = sort.key === key;
            return (
              <Link
                key={header.id}
                href={sort.href(key, active && sort.dir === "asc" ? "desc" : "asc")}
                aria-current={active ? "true" : undefined}
                className={
                  active
                    ? "font-semibold text-slate-900 underline"
                    : "text-slate-700 hover:underline"
                }
              >
                {flexRender(header.column.columnDef.header, header.getContext())}
                {active ? (sort.dir === "asc" ? " ▲" : " ▼") : ""}
              </Link>
            );
          })}
        </nav>
      )}
      <ScrollRegion label={label} className="rounded-lg border-slate-200 sm:border sm:bg-white">
        <table className="w-full text-left text-sm max-sm:block" data-testid={testId}>
          {caption && <caption className="sr-only">{caption}</caption>}
          <thead className="bg-slate-100 text-xs text-slate-600 uppercase max-sm:hidden">
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((header) => {
                  const meta = metaOf(header.column);
                  const active = sort && meta.sortKey === sort.key;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={cellClass(meta.phone, meta.className)}
                      aria-sort={
                        active ? (sort.dir === "asc" ? "ascending" : "descending") : undefined
                      }
                    >
                      {sort && meta.sortKey ? (
                        <Link
                          href={sort.href(
                            meta.sortKey,
                            active && sort.dir === "asc" ? "desc" : "asc",
                          )}
                          className="hover:underline"
                        >
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          {active ? (sort.dir === "asc" ? " ▲" : " ▼") : ""}
                        </Link>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
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
                {...rowProps?.(row.original)}
                className="border-t border-slate-100 align-top max-sm:block max-sm:rounded-lg max-sm:border max-sm:border-slate-200 max-sm:bg-white max-sm:p-3"
              >
                {row.getAllCells().map((cell) => {
                  const meta = metaOf(cell.column);
                  return (
                    <td
                      key={cell.id}
                      data-column={cell.column.id}
                      className={cellClass(meta.phone, `sm:max-w-[22rem] ${meta.className ?? ""}`)}
                    >
                      {meta.phoneLabel && (
                        <span className="text-xs text-slate-500 sm:hidden">{meta.phoneLabel} </span>
                      )}
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
