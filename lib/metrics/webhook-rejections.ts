import { metrics } from "@/lib/metrics/registry";

/**
 * Rejected webhooks (bad signature, bad body, too large) write nothing to the database by
 * design, so they are counted here, in memory, per process: per source and per minute for
 * the last 7 days (for failure rates and charts), and as a Prometheus counter.
 * A restart forgets them; with several processes each counts its own.
 */
const MINUTE = 60_000;
const KEEP_MINUTES = 7 * 24 * 60 + 60;

type Buckets = Map<string, Map<number, number>>;
const globalForRejections = globalThis as unknown as { webhookRejections?: Buckets };

function buckets(): Buckets {
  globalForRejections.webhookRejections ??= new Map();
  return globalForRejections.webhookRejections;
}

/** Counts one rejected webhook request. */
export function countWebhookRejection(source: string, status: number, at = new Date()): void {
  metrics().webhookRejected.inc({ source, status: String(status) });
  const perSource = buckets().get(source) ?? new Map<number, number>();
  buckets().set(source, perSource);
  const minute = Math.floor(at.getTime() / MINUTE);
  perSource.set(minute, (perSource.get(minute) ?? 0) + 1);
  for (const m of perSource.keys()) if (m < minute - KEEP_MINUTES) perSource.delete(m);
}

/** Rejections per source with `since <= at < until`. */
export function webhookRejectionsBetween(since: Date, until: Date): Record<string, number> {
  const from = Math.floor(since.getTime() / MINUTE);
  const to = Math.floor(until.getTime() / MINUTE);
  const out: Record<string, number> = {};
  for (const [source, perSource] of buckets()) {
    let n = 0;
    for (const [m, c] of perSource) if (m >= from && m <= to) n += c;
    if (n) out[source] = n;
  }
  return out;
}

/** Rejections of every source bucketed by `bucketMs` from `since` (for charts). */
export function webhookRejectionSeries(since: Date, bucketMs: number, count: number): number[] {
  const out = new Array<number>(count).fill(0);
  for (const perSource of buckets().values()) {
    for (const [m, c] of perSource) {
      const i = Math.floor((m * MINUTE - since.getTime()) / bucketMs);
      if (i >= 0 && i < count) out[i] += c;
    }
  }
  return out;
}

/** Test hook: forget every counted rejection. */
export function resetWebhookRejections(): void {
  buckets().clear();
  metrics().webhookRejected.reset();
}
