import type { Answer } from "./api-http";

/**
 * Stripe's API rate limit as a token bucket: `perSecond` requests may arrive at once, and
 * the bucket refills continuously at `perSecond` per second. Stripe documents 25 requests
 * per second in test mode and 100 in live mode (docs.stripe.com/rate-limits;
 * support.stripe.com "rate_limit error when creating bulk API requests").
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly perSecond: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.tokens = perSecond;
    this.last = clock();
  }

  /** Fills the bucket again (a reset between test runs). */
  refill(): void {
    this.tokens = this.perSecond;
    this.last = this.clock();
  }

  /** Takes one token; false when the bucket is empty (the request is rate limited). */
  take(): boolean {
    const now = this.clock();
    this.tokens = Math.min(
      this.perSecond,
      this.tokens + ((now - this.last) / 1000) * this.perSecond,
    );
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * The answer Stripe gives a rate-limited request: HTTP 429 with an `invalid_request_error`
 * whose code is `rate_limit` (the 2015-09-08 API change moved rate limits from 400 to 429;
 * the error keeps the `rate_limit` code that Stripe's error-code docs list). Stripe sends no
 * Retry-After header for it: clients back off on their own.
 */
export function rateLimitedAnswer(): Answer {
  return {
    status: 429,
    body: {
      error: {
        type: "invalid_request_error",
        code: "rate_limit",
        doc_url: "https://stripe.com/docs/error-codes/rate-limit",
        message:
          "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.",
      },
    },
  };
}
