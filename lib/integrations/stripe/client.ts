import Stripe from "stripe";
import { env } from "@/lib/env";

let cached: { key: string; client: Stripe } | undefined;

/**
 * The one Stripe API client, or null when STRIPE_SECRET_KEY is not configured (then the
 * engine orders events by their own `created` time instead of re-reading objects).
 * STRIPE_API_BASE points the SDK at another host (tests run a local fake that speaks
 * Stripe's REST contract).
 */
export function stripeClient(): Stripe | null {
  const secret = env.STRIPE_SECRET_KEY;
  if (!secret) return null;
  const base = env.STRIPE_API_BASE;
  const key = `${secret}|${base ?? ""}|${env.STRIPE_API_TIMEOUT_MS}`;
  if (cached?.key === key) return cached.client;
  const url = base ? new URL(base) : null;
  const protocol = url?.protocol === "http:" ? "http" : "https";
  const client = new Stripe(secret, {
    ...(url && {
      host: url.hostname,
      port: url.port ? Number(url.port) : protocol === "http" ? 80 : 443,
      protocol,
    }),
    timeout: env.STRIPE_API_TIMEOUT_MS,
    maxNetworkRetries: 2,
    telemetry: false,
  });
  cached = { key, client };
  return client;
}

/**
 * Calls per second this process allows itself. Stripe allows 25/s in test mode and 100/s
 * live per account; staying below leaves room for the dashboard's own writes (refunds,
 * plan changes) and for other processes.
 */
export function stripeCallsPerSecond(): number {
  if (env.STRIPE_API_MAX_RPS) return env.STRIPE_API_MAX_RPS;
  return env.STRIPE_SECRET_KEY?.startsWith("sk_live_") ? 80 : 20;
}

/** A token bucket refilled continuously; `take` resolves when a call may start. */
export class CallBudget {
  private tokens: number;
  private last = Date.now();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly perSecond: () => number) {
    this.tokens = perSecond();
  }

  take(): Promise<void> {
    const turn = this.queue.then(() => this.wait());
    this.queue = turn;
    return turn;
  }

  private async wait(): Promise<void> {
    for (;;) {
      const rate = this.perSecond();
      const now = Date.now();
      this.tokens = Math.min(rate, this.tokens + ((now - this.last) / 1000) * rate);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(Math.ceil(((1 - this.tokens) / rate) * 1000));
    }
  }
}

const budget = new CallBudget(stripeCallsPerSecond);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long to wait after a 429: Retry-After when Stripe sends one, else exponential with jitter. */
function rateLimitWaitMs(e: unknown, attempt: number): number | null {
  if (!(e instanceof Stripe.errors.StripeRateLimitError)) return null;
  const header = (e.headers as Record<string, string> | undefined)?.["retry-after"];
  const seconds = header === undefined ? NaN : Number(header);
  if (Number.isFinite(seconds)) return Math.min(seconds * 1000, 5_000);
  const base = Math.min(250 * 2 ** (attempt - 1), 4_000);
  return Math.round(base * (0.5 + Math.random()));
}

/**
 * Runs a Stripe API call within this process's per-second budget, waiting out 429 rate
 * limits (Retry-After when given, otherwise exponential backoff with jitter); the SDK
 * itself retries connection errors and 5xx. Gives up after `attempts` rate-limited tries.
 */
export async function callStripe<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    await budget.take();
    try {
      return await fn();
    } catch (e) {
      const wait = rateLimitWaitMs(e, i);
      if (wait === null || i >= attempts) throw e;
      await sleep(wait);
    }
  }
}

/** True for Stripe's "No such …" 404: the object does not exist (or no longer). */
export function isMissing(e: unknown): boolean {
  return e instanceof Stripe.errors.StripeInvalidRequestError && e.statusCode === 404;
}
