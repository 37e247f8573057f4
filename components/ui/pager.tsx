import { Link } from "@/components/ui/link";

/** Previous / next links that keep the rest of the URL's view. */
export function Pager({
  page,
  pageCount,
  hrefFor,
}: {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}) {
  const btn = "rounded border border-slate-300 bg-white px-3 py-1.5";
  return (
    <nav className="flex items-center justify-between text-sm" aria-label="Pagination">
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} className={btn}>
          Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-600">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link href={hrefFor(page + 1)} className={btn}>
          Next
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
