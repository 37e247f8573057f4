const tones: Record<string, string> = {
  active: "bg-emerald-100 text-emerald-800",
  processed: "bg-emerald-100 text-emerald-800",
  trial: "bg-sky-100 text-sky-800",
  trialing: "bg-sky-100 text-sky-800",
  lead: "bg-slate-100 text-slate-700",
  none: "bg-slate-100 text-slate-700",
  received: "bg-slate-100 text-slate-700",
  processing: "bg-sky-100 text-sky-800",
  queued: "bg-amber-100 text-amber-900",
  running: "bg-sky-100 text-sky-800",
  paused: "bg-amber-100 text-amber-900",
  done: "bg-emerald-100 text-emerald-800",
  ignored: "bg-slate-100 text-slate-600",
  past_due: "bg-amber-100 text-amber-900 ring-1 ring-amber-300",
  unpaid: "bg-amber-100 text-amber-900",
  canceled: "bg-zinc-100 text-zinc-600 line-through decoration-zinc-400",
  blocked: "bg-red-600 text-white",
  failed: "bg-red-100 text-red-800",
  "sync pending": "bg-amber-100 text-amber-900",
  "sync failed": "bg-red-100 text-red-800",
  pending: "bg-amber-100 text-amber-900",
  executing: "bg-sky-100 text-sky-800",
  succeeded: "bg-emerald-100 text-emerald-800",
  rejected: "bg-zinc-200 text-zinc-800",
  configured: "bg-emerald-100 text-emerald-800",
  "not configured": "bg-slate-100 text-slate-600",
  revoked: "bg-zinc-200 text-zinc-800",
};

/** Access states that must not be told apart by colour alone: each has its own shape. */
const icons: Record<string, React.ReactNode> = {
  // a circle with a bar: no entry
  blocked: (
    <>
      <circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M4.5 8h7" stroke="currentColor" strokeWidth="2" />
    </>
  ),
  // a clock: waiting on a payment
  past_due: (
    <>
      <circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
    </>
  ),
  // a cross: ended
  canceled: <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.75" />,
};

export function StatusBadge({ value }: { value: string }) {
  const icon = icons[value];
  return (
    <span
      data-status={value}
      className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${tones[value] ?? "bg-slate-100 text-slate-700"}`}
    >
      {icon && (
        <svg viewBox="0 0 16 16" className="size-3 shrink-0" aria-hidden="true">
          {icon}
        </svg>
      )}
      {value.replaceAll("_", " ")}
    </span>
  );
}
