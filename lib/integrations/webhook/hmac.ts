import { createHmac, timingSafeEqual } from "node:crypto";

/** base64(HMAC-SHA256(secret, message)), both UTF-8. */
export function hmacSha256Base64(secret: string, message: string): string {
  return createHmac("sha256", secret).update(message, "utf8").digest("base64");
}

/**
 * Constant-time string comparison. Different lengths return false without an early exit
 * on content, so the time taken says nothing about how much of the signature matched.
 */
export function safeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given, "utf8");
  const b = Buffer.from(expected, "utf8");
  if (a.length !== b.length) {
    timingSafeEqual(b, b);
    return false;
  }
  return timingSafeEqual(a, b);
}
