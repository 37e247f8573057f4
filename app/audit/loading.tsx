export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-2">
      <div className="h-6 w-40 animate-pulse rounded bg-slate-200" />
      <div className="h-40 animate-pulse rounded bg-slate-200" />
      <span className="sr-only">Loading the audit log…</span>
    </div>
  );
}
