import Stripe from "stripe";
import { env } from "@/lib/env";

let cached: { key: string; client: Stripe } | undefined;

/**
 * The one Stripe API client, or null when STRIPE_SECRET_KEY is not configured (then the
 * engine falls back to deterministic tie-breaks instead of re-fetching). STRIPE_API_BASE
 * points the SDK at another host (tests run a local fake that speaks Stripe's REST contract).
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

function retryAfterMs(e: unknown): number | null {
  if (!(e instanceof Stripe.errors.StripeRateLimitError)) return null;
  const header = (e.headers as Record<string, string> | undefined)?.["retry-after"];
  const seconds = Number(header ?? 1);
  return Math.min(Number.isFinite(seconds) ? seconds * 1000 : 1000, 5_000);
}

/**
 * Runs a Stripe API call, waiting out 429 rate limits as Retry-After asks (the SDK itself
 * retries connection errors and 5xx). Gives up after `attempts` rate-limited tries.
 */
export async function callStripe<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      const wait = retryAfterMs(e);
      if (wait === null || i >= attempts) throw e;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** True for Stripe's "No such …" 404: the object does not exist (or no longer). */
export function isMissing(e: unknown): boolean {
  return e instanceof Stripe.errors.StripeInvalidRequestError && e.statusCode === 404;
}
