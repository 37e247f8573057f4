import { describe, expect, it } from "vitest";
import { BACKOFF_CAP_MS, retryDelayMs } from "./backoff";

describe("retryDelayMs", () => {
  it("doubles per attempt within jitter bounds", () => {
    expect(retryDelayMs(1, { random: () => 0 })).toBe(1000);
    expect(retryDelayMs(1, { random: () => 1 })).toBe(2000);
    expect(retryDelayMs(3, { random: () => 1 })).toBe(8000);
  });

  it("is capped and lets a longer Retry-After win", () => {
    expect(retryDelayMs(40, { random: () => 1 })).toBe(BACKOFF_CAP_MS);
    expect(retryDelayMs(1, { random: () => 0, retryAfterMs: 30_000 })).toBe(30_000);
  });

  it("takes a configured cap (SYNC_BACKOFF_CAP_MS) for delays and Retry-After alike", () => {
    expect(retryDelayMs(40, { random: () => 1, baseMs: 10, capMs: 9_000 })).toBe(9_000);
    expect(retryDelayMs(3, { random: () => 1, baseMs: 10, capMs: 9_000 })).toBe(40);
    expect(retryDelayMs(1, { random: () => 0, retryAfterMs: 60_000, capMs: 9_000 })).toBe(9_000);
  });
});
