const SENSITIVE_KEY =
  /(email|token|secret|password|passwd|authorization|cookie|signature|api[_-]?key|card|cvc|cvv|iban|account_number|routing|fingerprint|last4|exp_(month|year)|phone)/i;
const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi;
const SECRET = /\b(?:sk|pk|rk|whsec|seti|pi_secret|Bearer)[_ ][A-Za-z0-9_]{8,}/g;
const CARD = /\b(?:\d[ -]?){13,19}\b/g;

/** Scrubs emails, secret-looking tokens and card numbers from free text. */
export function redactText(text: string): string {
  return text.replace(EMAIL, "[email]").replace(SECRET, "[secret]").replace(CARD, "[card]");
}

/**
 * Returns a deep copy with sensitive fields replaced by "[redacted]" and sensitive
 * patterns scrubbed from every string. Used for logs and for payloads shown in the UI.
 */
export function redact<T>(value: T, depth = 0): T {
  if (depth > 12) return "[truncated]" as T;
  if (typeof value === "string") return redactText(value) as T;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1)) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    if (value instanceof Error) {
      return { name: value.name, message: redactText(value.message) } as T;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] =
        SENSITIVE_KEY.test(k) && v !== null && typeof v !== "object"
          ? "[redacted]"
          : redact(v, depth + 1);
    }
    return out as T;
  }
  return value;
}
