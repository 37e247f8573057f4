/** "49.00 EUR" from cents; "" when the amount is unknown. */
export const amountText = (cents: number | null, currency: string | null) =>
  cents == null || Number.isNaN(cents)
    ? ""
    : `${(cents / 100).toFixed(2)} ${(currency ?? "").toUpperCase()}`.trim();
