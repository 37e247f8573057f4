import type { Db } from "@/lib/db";
import type { LedgerSource } from "@/lib/generated/prisma/enums";
import { log } from "@/lib/log";
import { metrics } from "@/lib/metrics/registry";

/**
 * Rejected webhooks (bad signature, bad body, too large) write nothing to the ledger, so
 * they are counted in Postgres: one row per source and minute (`WebhookRejection`), shared
 * by every instance and kept across restarts, pruned after 8 days. Also a Prometheus
 * counter (per process, with the status).
 *
 * A flood of bad requests must not become a flood of writes: each process keeps at most
 * one counting statement in flight and folds the requests that arrive meanwhile into the
 * next one. Rows stay bounded at one per source per minute whatever the volume.
 */
const MINUTE = 60_000;
const KEEP_MS = 8 * 24 * 3_600_000;

type Pending = Map<string, { source: LedgerSource; minute: Date; n: number }>;
type Flusher = { pending: Pending; running: Promise<void> | null; queued: Promise<void> | null };
const g = globalThis as unknown as { webhookRejectionFlusher?: Flusher };

function flusher(): Flusher {
  g.webhookRejectionFlusher ??= { pending: new Map(), running: null, queued: null };
  return g.webhookRejectionFlusher;
}

async function flush(f: Flusher): Promise<void> {
  const batch = [...f.pending.values()];
  f.pending.clear();
  // The one client, loaded when first needed: the read helpers below take a client, and tools
  // that import them (the bench's read part) run without this app's environment.
  const { db } = await import("@/lib/db");
  for (const { source, minute, n } of batch) {
    try {
      const [row] = await db.$queryRaw<{ inserted: boolean }[]>`
        INSERT INTO "WebhookRejection" ("source", "minute", "count")
        VALUES (${source}::"LedgerSource", ${minute}, ${n})
        ON CONFLICT ("source", "minute") DO UPDATE SET "count" = "WebhookRejection"."count" + EXCLUDED."count"
        RETURNING (xmax = 0) AS inserted`;
      // A new minute's row: the moment to drop rows past the retention (at most once a minute per source).
      if (row?.inserted) {
        await db.$executeRaw`DELETE FROM "WebhookRejection" WHERE "minute" < ${new Date(minute.getTime() - KEEP_MS)}`;
      }
    } catch (e) {
      // Counting must never turn a 4xx into a 5xx; the Prometheus counter still has it.
      log.warn({ err: String(e), source }, "could not count a rejected webhook");
    }
  }
}

function schedule(f: Flusher): Promise<void> {
  if (!f.running) {
    f.running = flush(f).finally(() => {
      f.running = null;
    });
    return f.running;
  }
  f.queued ??= f.running.then(() => {
    f.queued = null;
    return schedule(f);
  });
  return f.queued;
}

/**
 * Counts one rejected webhook request in its source's row for the minute of `at`; resolves
 * once the count is committed (or failed, logged). Never throws.
 * Not idempotent by design: each call is one more rejected request.
 */
export function countWebhookRejection(
  source: LedgerSource,
  status: number,
  at = new Date(),
): Promise<void> {
  metrics().webhookRejected.inc({ source, status: String(status) });
  const f = flusher();
  const minute = new Date(Math.floor(at.getTime() / MINUTE) * MINUTE);
  const key = `${source}:${minute.getTime()}`;
  const p = f.pending.get(key) ?? { source, minute, n: 0 };
  p.n += 1;
  f.pending.set(key, p);
  return schedule(f);
}

/** Rejections per source in the minutes of `since <= at < until`. */
export async function webhookRejectionsBetween(
  db: Db,
  since: Date,
  until: Date,
): Promise<Record<string, number>> {
  const rows = await db.$queryRaw<{ source: string; n: bigint }[]>`
    SELECT "source"::text AS source, sum("count") AS n FROM "WebhookRejection"
     WHERE "minute" >= ${new Date(Math.floor(since.getTime() / MINUTE) * MINUTE)} AND "minute" < ${until}
     GROUP BY 1`;
  return Object.fromEntries(rows.map((r) => [r.source, Number(r.n)]));
}

/** Rejections of every source bucketed by `bucketMs` from `since` (for charts). */
export async function webhookRejectionSeries(
  db: Db,
  since: Date,
  bucketMs: number,
  count: number,
): Promise<number[]> {
  const out = new Array<number>(count).fill(0);
  const rows = await db.$queryRaw<{ minute: Date; n: bigint }[]>`
    SELECT "minute", sum("count") AS n FROM "WebhookRejection"
     WHERE "minute" >= ${since} AND "minute" < ${new Date(since.getTime() + bucketMs * count)}
     GROUP BY 1`;
  for (const r of rows) {
    const i = Math.floor((r.minute.getTime() - since.getTime()) / bucketMs);
    if (i >= 0 && i < count) out[i] += Number(r.n);
  }
  return out;
}

/** Test hook: forget the process's Prometheus rejection counter (rows go with the database). */
export function resetWebhookRejections(): void {
  metrics().webhookRejected.reset();
}
