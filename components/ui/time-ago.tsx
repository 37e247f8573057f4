/** Server-rendered relative time with the exact UTC time in a tooltip. */
export function TimeAgo({ date, now = new Date() }: { date: Date | string | null; now?: Date }) {
  if (!date) return <span className="text-slate-500">never</span>;
  const d = typeof date === "string" ? new Date(date) : date;
  const s = Math.round((now.getTime() - d.getTime()) / 1000);
  const text =
    s < 60
      ? `${Math.max(s, 0)}s ago`
      : s < 3600
        ? `${Math.round(s / 60)}m ago`
        : s < 86400
          ? `${Math.round(s / 3600)}h ago`
          : `${Math.round(s / 86400)}d ago`;
  return (
    <time dateTime={d.toISOString()} title={d.toISOString()}>
      {text}
    </time>
  );
}
