/** Normalizes an email for identity matching: trimmed and lower-cased; empty becomes null. */
export function normalizeEmail(email: string | null | undefined): string | null {
  const e = email?.trim().toLowerCase();
  return e ? e : null;
}
