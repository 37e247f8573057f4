/** "49.00 EUR" from minor units; undefined when the amount is unknown. */
export function formatMoney(
  amount: number | null | undefined,
  currency: string | null | undefined,
): string | undefined {
  if (amount == null) return undefined;
  return `${(amount / 100).toFixed(2)} ${(currency ?? "").toUpperCase()}`.trim();
}

const day = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** "23 November 2026" from an ISO time; undefined when absent or invalid. */
export function formatDay(iso: string | null | undefined): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : day.format(d);
}
