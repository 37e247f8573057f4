import type { Db } from "@/lib/db";
import { formatCount, formatDuration } from "@/lib/format";

/** The window the drain rate is measured over. */
export const DRAIN_WINDOW_MS = 60_000;

/** Work waiting to be processed, for the overview's "Processing backlog" card. */
export type Backlog = {
  /** Ledger events not yet processed: received, processing, or failed with a retry due. */
  waiting: number;
  /** When the oldest of them arrived (null when none waits). */
  oldestReceivedAt: Date | null;
  /** Ledger events processed in the last DRAIN_WINDOW_MS. */
  processedLastMinute: number;
  /** Side effects (CRM, support, email, app) due or running now. */
  syncDue: number;
};

/**
 * What is waiting right now: three index-backed queries (the waiting rows through
 * `status, receivedAt` and `status, nextAttemptAt`; the processed ones through the partial
 * index on `processedAt`; sync tasks through `status, nextAttemptAt`), so the overview stays
 * cheap with a large ledger.
 */
export async function processingBacklog(db: Db, now: Date = new Date()): Promise<Backlog> {
  const [waiting, processedLastMinute, syncDue] = await Promise.all([
    db.ledgerEvent.aggregate({
      where: {
        OR: [
          { status: { in: ["received", "processing"] } },
          { status: "failed", nextAttemptAt: { lte: now } },
        ],
      },
      _count: { _all: true },
      _min: { receivedAt: true },
    }),
    db.ledgerEvent.count({
      where: { processedAt: { gt: new Date(now.getTime() - DRAIN_WINDOW_MS), lte: now } },
    }),
    db.syncTask.count({
      where: {
        OR: [{ status: "pending", nextAttemptAt: { lte: now } }, { status: "running" }],
      },
    }),
  ]);
  return {
    waiting: waiting._count._all,
    oldestReceivedAt: waiting._min.receivedAt,
    processedLastMinute,
    syncDue,
  };
}

/** The backlog in plain words: a headline and, when work waits, the details. */
export type BacklogSummary =
  | { caughtUp: true; line: string }
  | {
      caughtUp: false;
      headline: string;
      oldest: string | null;
      rate: string;
      /** Estimated time until the waiting events are processed at the current rate. */
      drain: string;
      sync: string | null;
    };

const plural = (n: number, one: string, many: string) =>
  `${formatCount(n)} ${n === 1 ? one : many}`;

/** Milliseconds to process `waiting` events at `perMinute`; null when nothing moves. */
export function drainEstimateMs(waiting: number, perMinute: number): number | null {
  if (waiting === 0) return 0;
  if (perMinute <= 0) return null;
  return Math.ceil((waiting / perMinute) * DRAIN_WINDOW_MS);
}

/** Turns the numbers into the sentences the card shows (pure; `now` for the ages). */
export function summarizeBacklog(b: Backlog, now: Date = new Date()): BacklogSummary {
  if (b.waiting === 0 && b.syncDue === 0)
    return {
      caughtUp: true,
      line:
        b.processedLastMinute > 0
          ? `All caught up: ${plural(b.processedLastMinute, "event", "events")} processed in the last minute.`
          : "All caught up: nothing is waiting to be processed.",
    };
  const eta = drainEstimateMs(b.waiting, b.processedLastMinute);
  return {
    caughtUp: false,
    headline:
      b.waiting > 0
        ? `${plural(b.waiting, "event waits", "events wait")} to be processed`
        : "No events wait; side effects are being sent",
    oldest: b.oldestReceivedAt
      ? `The oldest arrived ${formatDuration(now.getTime() - b.oldestReceivedAt.getTime())} ago.`
      : null,
    rate: `${plural(b.processedLastMinute, "event", "events")} processed in the last minute.`,
    drain:
      b.waiting === 0
        ? "Nothing left to drain."
        : eta === null
          ? "Not draining: nothing was processed in the last minute."
          : `At this rate, caught up in about ${formatDuration(eta)}.`,
    sync:
      b.syncDue > 0
        ? `${plural(b.syncDue, "side effect", "side effects")} (CRM, support, email, app) due or being sent.`
        : null,
  };
}
