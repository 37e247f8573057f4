const dayFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});

/** "3 Nov": dates as a support agent reads them aloud. */
export function day(d: Date): string {
  return dayFormat.format(d);
}

/** " (49.00 EUR)" or "" when the amount is unknown. */
export function money(amount: number | null, currency: string | null): string {
  if (amount == null) return "";
  return ` (${(amount / 100).toFixed(2)} ${(currency ?? "").toUpperCase()})`.replace(" )", ")");
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000);
}
