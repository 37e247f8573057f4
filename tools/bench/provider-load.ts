// Open-loop Stripe deliveries that behave like Stripe: every non-2xx answer or timeout is
// delivered again later (re-signed), a 2xx is final; 10 % of slots repeat an earlier event.
import { pct, sleep } from "@/tools/bench/harness";
import { invoicePaid, signStripePayload, stripeId } from "@/fakes/stripe/events";

/** One HTTP attempt; times are ms since the load started. */
export type Delivery = {
  eventId: string;
  start: number;
  end: number;
  /** HTTP status, or "timeout" / "error" (connection refused or reset). */
  status: number | "timeout" | "error";
  retry: boolean;
};

export type ProviderLoadOptions = {
  url: string;
  secret: string;
  rate: number;
  seconds: number;
  duplicateShare?: number;
  /** A delivery without an answer after this long counts as failed (Stripe waits ~10–20 s). */
  requestTimeoutMs?: number;
  /** Delay before redelivering after the n-th failed attempt (1-based). */
  retryDelayMs?: (attempt: number) => number;
  /** Stop retrying this long after the last new event was sent. */
  giveUpAfterMs?: number;
};

/** Per event: which customer email it creates, attempts, and when it got its 2xx (if it did). */
export type EventState = { email: string; attempts: number; ackedAt: number | null };

export type ProviderLoad = ReturnType<typeof createProviderLoad>;

export function createProviderLoad(opts: ProviderLoadOptions) {
  const events = new Map<string, EventState>();
  const deliveries: Delivery[] = [];
  const retryDelay = opts.retryDelayMs ?? ((n: number) => Math.min(5_000, 500 * 2 ** (n - 1)));
  const timeoutMs = opts.requestTimeoutMs ?? 10_000;
  let started = 0;
  let retrying = 0;
  const now = () => performance.now() - started;

  async function post(body: string): Promise<number> {
    const res = await fetch(opts.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "stripe-signature": signStripePayload(body, opts.secret),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer();
    return res.status;
  }

  async function deliver(id: string, body: string, retry: boolean): Promise<boolean> {
    const start = now();
    let status: Delivery["status"];
    // A hard deadline of our own besides the fetch's signal: a delivery that never settles
    // (seen once in a long Postgres-restart run) must count as a timeout, not stall the run.
    let timer: NodeJS.Timeout | undefined;
    const hardDeadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(Object.assign(new Error("hard timeout"), { name: "TimeoutError" })),
        timeoutMs + 1_000,
      );
    });
    try {
      const res = await Promise.race([post(body), hardDeadline]);
      status = res;
    } catch (e) {
      status = (e as Error).name === "TimeoutError" ? "timeout" : "error";
    } finally {
      clearTimeout(timer);
    }
    deliveries.push({ eventId: id, start, end: now(), status, retry });
    const ok = typeof status === "number" && status >= 200 && status < 300;
    const ev = events.get(id)!;
    if (ok && ev.ackedAt === null) ev.ackedAt = now();
    return ok;
  }

  /** Delivers until a 2xx or the give-up deadline; failures wait, then try again. */
  async function deliverUntilAcked(id: string, body: string, deadline: () => number) {
    const ev = events.get(id)!;
    for (;;) {
      ev.attempts++;
      if (await deliver(id, body, ev.attempts > 1)) return;
      if (now() > deadline()) return;
      retrying++;
      await sleep(retryDelay(ev.attempts));
      retrying--;
    }
  }

  return {
    events,
    deliveries,
    /** Ms since the load started (for marking windows such as "database down"). */
    now,
    /** Event deliveries currently waiting to be retried. */
    retryingNow: () => retrying,
    async run(): Promise<void> {
      started = performance.now();
      const total = Math.round(opts.rate * opts.seconds);
      const dupShare = opts.duplicateShare ?? 0.1;
      let lastNewAt = Infinity;
      const deadline = () => lastNewAt + (opts.giveUpAfterMs ?? 180_000);
      const inflight: Promise<void>[] = [];
      let last: { id: string; body: string } | null = null;
      for (let i = 0; i < total; i++) {
        const wait = (i * 1000) / opts.rate - now();
        if (wait > 0) await sleep(wait);
        if (last && Math.random() < dupShare) {
          // A provider's duplicate: the same event again, on its own, whatever came of the first.
          const { id, body } = last;
          inflight.push(deliver(id, body, false).then(() => undefined));
          continue;
        }
        const email = `${stripeId("b")}@example.com`.toLowerCase();
        const payload = invoicePaid({ customer: stripeId("cus"), email });
        const body = JSON.stringify(payload);
        events.set(payload.id, { email, attempts: 0, ackedAt: null });
        last = { id: payload.id, body };
        inflight.push(deliverUntilAcked(payload.id, body, deadline));
      }
      lastNewAt = now();
      await Promise.all(inflight);
    },
  };
}

/** Counts and latencies of a load (or of the deliveries in one time window). */
export function summarize(load: ProviderLoad, only?: (d: Delivery) => boolean) {
  const ds = only ? load.deliveries.filter(only) : load.deliveries;
  const byStatus = new Map<string, number>();
  for (const d of ds) byStatus.set(String(d.status), (byStatus.get(String(d.status)) ?? 0) + 1);
  const lat = ds.map((d) => d.end - d.start).sort((a, b) => a - b);
  const is2xx = (d: Delivery) => typeof d.status === "number" && d.status >= 200 && d.status < 300;
  const events = [...load.events.values()];
  return {
    deliveries: ds.length,
    ok: ds.filter(is2xx).length,
    retries: ds.filter((d) => d.retry).length,
    byStatus: [...byStatus.entries()].sort(([a], [b]) => a.localeCompare(b)),
    p50: pct(lat, 0.5),
    p99: pct(lat, 0.99),
    maxMs: lat.at(-1) ?? NaN,
    uniqueEvents: events.length,
    acked: events.filter((e) => e.ackedAt !== null).length,
    maxAttempts: Math.max(0, ...events.map((e) => e.attempts)),
  };
}

/** "200 × 480, 503 × 12, error × 3" */
export const statusList = (byStatus: [string, number][]) =>
  byStatus.map(([s, n]) => `${s} × ${n}`).join(", ") || "none";
