import { timeAgo } from "@/lib/format";

/** Server-rendered relative time with the exact UTC time in a tooltip. */
export function TimeAgo({ date, now = new Date() }: { date: Date | string | null; now?: Date }) {
  if (!date) return <span className="text-slate-500">never</span>;
  const d = typeof date === "string" ? new Date(date) : date;
  return (
    <time dateTime={d.toISOString()} title={d.toISOString()}>
      {timeAgo(d, now)}
    </time>
  );
}
