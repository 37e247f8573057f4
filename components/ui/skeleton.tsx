/** A grey placeholder block in the shape of what is loading. */
export function Skeleton({ className = "" }: { className?: string }) {
  return <div aria-hidden="true" className={`animate-pulse rounded bg-slate-200 ${className}`} />;
}

/** Announces the loading once for screen readers; the skeleton blocks inside stay silent. */
export function LoadingRegion({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div role="status" aria-live="polite" className="space-y-3">
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}

/** A page heading and a count, as the list pages have. */
export function SkeletonHeading() {
  return (
    <div className="flex items-baseline justify-between gap-2">
      <Skeleton className="h-7 w-40" />
      <Skeleton className="h-4 w-20" />
    </div>
  );
}

/** A filter bar of `fields` controls. */
export function SkeletonFilters({ fields = 5 }: { fields?: number }) {
  return (
    <div className="grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-3 lg:grid-cols-6">
      {Array.from({ length: fields }, (_, i) => (
        <div key={i} className="space-y-1">
          <Skeleton className="h-3 w-16" />
          <Skeleton className="h-8 w-full" />
        </div>
      ))}
    </div>
  );
}

/** A table of `rows` rows and `columns` columns; cards on a phone, like `DataTable`. */
export function SkeletonTable({ rows = 8, columns = 4 }: { rows?: number; columns?: number }) {
  return (
    <div className="space-y-2 sm:space-y-0 sm:rounded-lg sm:border sm:border-slate-200 sm:bg-white">
      <div className="hidden gap-3 bg-slate-100 px-3 py-2 sm:flex">
        {Array.from({ length: columns }, (_, i) => (
          <Skeleton key={i} className="h-3 flex-1" />
        ))}
      </div>
      {Array.from({ length: rows }, (_, r) => (
        <div
          key={r}
          className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 sm:flex sm:gap-3 sm:space-y-0 sm:rounded-none sm:border-0 sm:border-t sm:border-slate-100 sm:px-3 sm:py-3"
        >
          {Array.from({ length: columns }, (_, c) => (
            <Skeleton key={c} className={`h-4 sm:flex-1 ${c === 0 ? "w-2/3" : "w-1/3"}`} />
          ))}
        </div>
      ))}
    </div>
  );
}
