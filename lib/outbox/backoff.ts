/** Base delay of the first retry and the cap of any one delay. */
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 30 * 60_000;

/**
 * Exponential backoff with full jitter: attempt n waits a random time in
 * [base·2^(n-1) / 2, base·2^(n-1)], capped. A server's Retry-After wins when it is longer.
 */
export function retryDelayMs(
  attempt: number,
  opts: { retryAfterMs?: number; random?: () => number; baseMs?: number; capMs?: number } = {},
): number {
  const random = opts.random ?? Math.random;
  const cap = opts.capMs ?? BACKOFF_CAP_MS;
  const ceiling = Math.min(cap, (opts.baseMs ?? BACKOFF_BASE_MS) * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(ceiling / 2 + (random() * ceiling) / 2);
  return Math.max(jittered, Math.min(opts.retryAfterMs ?? 0, cap));
}
