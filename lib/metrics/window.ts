/** A half-open time window [since, until). */
export type Window = { since: Date; until: Date };

/** The window of the last `minutes` minutes before `now`. */
export function lastMinutes(minutes: number, now = new Date()): Window {
  return { since: new Date(now.getTime() - minutes * 60_000), until: now };
}

/** Rounds to 3 decimals, or null for a missing value (no data is not zero). */
export function round(n: number | null | undefined): number | null {
  return n === null || n === undefined || Number.isNaN(n) ? null : Math.round(n * 1000) / 1000;
}
