import { describe, expect, it } from "vitest";
import {
  day,
  formatCount,
  formatDate,
  formatDateTime,
  formatDuration,
  formatMoney,
  formatPercent,
  formatSeconds,
  isoDay,
  money,
  timeAgo,
} from "@/lib/format";

describe("formatMoney", () => {
  it("reads minor units with the currency's own number of decimals", () => {
    expect(formatMoney(4900, "eur")).toBe("49.00 EUR");
    expect(formatMoney(123450, "USD")).toBe("1,234.50 USD");
    expect(formatMoney(500, "jpy")).toBe("500 JPY");
    expect(formatMoney(1234, "kwd")).toBe("1.234 KWD");
  });

  it("says nothing for an unknown amount and only the number without a currency", () => {
    expect(formatMoney(null, "eur")).toBe("");
    expect(formatMoney(undefined, "eur")).toBe("");
    expect(formatMoney(1999, null)).toBe("19.99");
    expect(formatMoney(1999, "xyz1")).toBe("19.99 XYZ1");
  });

  it("sets an amount into a sentence in parentheses", () => {
    expect(money(4900, "eur")).toBe(" (49.00 EUR)");
    expect(money(null, "eur")).toBe("");
    expect(money(4900, null)).toBe(" (49.00)");
  });
});

describe("dates", () => {
  const t = new Date("2026-11-03T14:05:00Z");
  it("short day, long day, day and time, ISO day, all in UTC", () => {
    expect(day(t)).toBe("3 Nov");
    expect(formatDate(t)).toBe("3 November 2026");
    expect(formatDate("2026-11-23T23:30:00Z")).toBe("23 November 2026");
    expect(formatDateTime(t.toISOString())).toBe("3 Nov, 14:05");
    expect(isoDay(t)).toBe("2026-11-03");
  });

  it("absent or invalid dates become empty, not 'Invalid Date'", () => {
    expect(formatDate(null)).toBe("");
    expect(formatDate("not a date")).toBe("");
    expect(formatDateTime(undefined)).toBe("");
    expect(isoDay("")).toBe("");
  });
});

describe("timeAgo", () => {
  const now = new Date("2026-11-03T12:00:00Z");
  const before = (ms: number) => new Date(now.getTime() - ms);
  it("counts seconds, minutes, hours and days", () => {
    expect(timeAgo(before(12_000), now)).toBe("12s ago");
    expect(timeAgo(before(5 * 60_000), now)).toBe("5m ago");
    expect(timeAgo(before(3 * 3_600_000), now)).toBe("3h ago");
    expect(timeAgo(before(2 * 86_400_000).toISOString(), now)).toBe("2d ago");
  });

  it("a time in the future is now, and no time is never", () => {
    expect(timeAgo(new Date(now.getTime() + 5000), now)).toBe("0s ago");
    expect(timeAgo(null, now)).toBe("never");
  });
});

describe("durations, percentages and counts", () => {
  it("milliseconds in the unit a person reads", () => {
    expect(formatDuration(250)).toBe("250 ms");
    expect(formatDuration(1234)).toBe("1.2 s");
    expect(formatDuration(3 * 60_000)).toBe("3 min");
    expect(formatDuration(90 * 60_000)).toBe("1.5 h");
    expect(formatDuration(3 * 86_400_000)).toBe("3 d");
    expect(formatDuration(null)).toBe("—");
  });

  it("seconds as stored by the metrics", () => {
    expect(formatSeconds(42)).toBe("42 s");
    expect(formatSeconds(150)).toBe("2.5 min");
    expect(formatSeconds(undefined)).toBe("—");
  });

  it("ratios as percentages and counts with separators", () => {
    expect(formatPercent(0.123)).toBe("12.3 %");
    expect(formatPercent(1)).toBe("100 %");
    expect(formatPercent(null)).toBe("—");
    expect(formatCount(12345)).toBe("12,345");
  });
});
