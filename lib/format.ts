// The one place money, dates, times and durations become words. No framework imports: the
// dashboard, the emails, the tickets and the access reasons all read the same numbers the same way.

const LOCALE = "en-GB";

const digitsCache = new Map<string, number>();
/** How many minor-unit digits a currency has (2 for EUR, 0 for JPY); 2 when Intl does not know it. */
function minorDigits(currency: string): number {
  let d = digitsCache.get(currency);
  if (d === undefined) {
    try {
      d = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
        .maximumFractionDigits!;
    } catch {
      d = 2;
    }
    digitsCache.set(currency, d);
  }
  return d;
}

/**
 * "49.00 EUR", "1,234.50 USD", "500 JPY" from minor units (as Stripe stores them); "" when the
 * amount is unknown. The code after the number, not a symbol: "$" is ambiguous across dollars.
 */
export function formatMoney(
  minor: number | bigint | null | undefined,
  currency: string | null | undefined,
): string {
  if (minor == null) return "";
  const n = Number(minor);
  if (Number.isNaN(n)) return "";
  const code = (currency ?? "").trim().toUpperCase();
  const digits = code ? minorDigits(code) : 2;
  const number = new Intl.NumberFormat(LOCALE, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(n / 10 ** digits);
  return `${number} ${code}`.trim();
}

/** " (49.00 EUR)" or "" when the amount is unknown: an amount set into a sentence. */
export function money(amount: number | null, currency: string | null): string {
  const text = formatMoney(amount, currency);
  return text ? ` (${text})` : "";
}

const dayFormat = new Intl.DateTimeFormat(LOCALE, {
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});
const longDayFormat = new Intl.DateTimeFormat(LOCALE, {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

function toDate(d: Date | string | null | undefined): Date | null {
  if (d == null || d === "") return null;
  const date = typeof d === "string" ? new Date(d) : d;
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "3 Nov": dates as a support agent reads them aloud (UTC). */
export function day(d: Date): string {
  return dayFormat.format(d);
}

/** "23 November 2026" (UTC); "" when absent or invalid. */
export function formatDate(d: Date | string | null | undefined): string {
  const date = toDate(d);
  return date ? longDayFormat.format(date) : "";
}

/** "3 Nov, 14:05" (UTC); "" when absent or invalid. */
export function formatDateTime(d: Date | string | null | undefined): string {
  const date = toDate(d);
  return date ? dateTimeFormat.format(date) : "";
}

/** "2026-11-03": a date in a sortable, unambiguous form (UTC); "" when absent or invalid. */
export function isoDay(d: Date | string | null | undefined): string {
  const date = toDate(d);
  return date ? date.toISOString().slice(0, 10) : "";
}

/** "12s ago", "5m ago", "3h ago", "2d ago"; "never" when there is no time; future times count as now. */
export function timeAgo(d: Date | string | null | undefined, now: Date = new Date()): string {
  const date = toDate(d);
  if (!date) return "never";
  const s = Math.round((now.getTime() - date.getTime()) / 1000);
  if (s < 60) return `${Math.max(s, 0)}s ago`;
  if (s < 3600) return `${Math.round(s / 60)}m ago`;
  if (s < 86400) return `${Math.round(s / 3600)}h ago`;
  return `${Math.round(s / 86400)}d ago`;
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/** "—" for no data; "250 ms", "1.2 s", "3 min", "1.5 h", "2 d" from milliseconds. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || Number.isNaN(ms)) return "—";
  const v = Math.max(ms, 0);
  if (v < 1000) return `${Math.round(v)} ms`;
  if (v < 60_000) return `${oneDecimal(v / 1000)} s`;
  if (v < 3_600_000) return `${oneDecimal(v / 60_000)} min`;
  if (v < 86_400_000) return `${oneDecimal(v / 3_600_000)} h`;
  return `${oneDecimal(v / 86_400_000)} d`;
}

/** "—" for no data; a duration given in seconds (as the metrics store it). */
export function formatSeconds(s: number | null | undefined): string {
  return s == null ? "—" : formatDuration(s * 1000);
}

/** "—" for no data; a ratio as a percentage: 0.123 → "12.3 %". */
export function formatPercent(r: number | null | undefined): string {
  if (r == null || Number.isNaN(r)) return "—";
  return `${oneDecimal(r * 100)} %`;
}

/** "12,345": a count with thousands separators. */
export function formatCount(n: number): string {
  return new Intl.NumberFormat(LOCALE).format(n);
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000);
}
