import { formatCount } from "@/lib/format";

/**
 * An import's progress in plain words: "1,200 of about 50,000 (2 %)" while Stripe's count is
 * known and not yet passed, else the count alone (customers created during the import, or
 * a Stripe account without search, leave no total to compare with).
 */
export function importProgress(job: { processed: number; total: number | null }): string {
  const done = formatCount(job.processed);
  if (!job.total || job.processed > job.total) return done;
  const percent = Math.floor((job.processed / job.total) * 100);
  return `${done} of about ${formatCount(job.total)} (${percent} %)`;
}
