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
  ignored: "bg-slate-100 text-slate-500",
  past_due: "bg-amber-100 text-amber-900",
  unpaid: "bg-amber-100 text-amber-900",
  canceled: "bg-zinc-200 text-zinc-800",
  blocked: "bg-red-100 text-red-800",
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

export function StatusBadge({ value }: { value: string }) {
  return (
    <span
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${tones[value] ?? "bg-slate-100 text-slate-700"}`}
    >
      {value.replaceAll("_", " ")}
    </span>
  );
}
