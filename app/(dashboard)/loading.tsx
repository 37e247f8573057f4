/** Shown while any dashboard page reads its data (the layout has already checked access). */
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-2">
      <div className="h-6 w-40 animate-pulse rounded bg-slate-200" />
      <div className="h-64 animate-pulse rounded bg-slate-200" />
      <span className="sr-only">Loading…</span>
    </div>
  );
}
