import { createHmac } from "node:crypto";
import type { Db } from "@/lib/db";

/** Magic-link requests allowed per window, per address and per client IP. */
export const SIGN_IN_LIMITS = { windowMinutes: 15, perAddress: 5, perIp: 20 };

/** Windows older than this are deleted when a new window opens. */
const KEEP_MS = 24 * 3600_000;

function keyOf(kind: "email" | "ip", value: string, secret: string): string {
  // Hashed with the server secret: the table never holds an address or an IP in clear.
  return `${kind}:${createHmac("sha256", secret).update(value).digest("hex").slice(0, 32)}`;
}

/**
 * Counts one magic-link request against its address and (when known) its client IP in the
 * current fixed window, in Postgres so every instance shares the counts, and says whether
 * either is over its limit. Not idempotent by design: each call is one request counted.
 * Refused requests count too, so hammering never reopens the window early.
 */
export async function countSignInRequest(
  db: Db,
  who: { email: string; ip: string | null },
  opts: { secret: string; now?: Date; limits?: typeof SIGN_IN_LIMITS },
): Promise<{ limited: boolean }> {
  const limits = opts.limits ?? SIGN_IN_LIMITS;
  const now = opts.now ?? new Date();
  const windowMs = limits.windowMinutes * 60_000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const keys = [
    { key: keyOf("email", who.email, opts.secret), limit: limits.perAddress },
    ...(who.ip ? [{ key: keyOf("ip", who.ip, opts.secret), limit: limits.perIp }] : []),
  ].sort((a, b) => a.key.localeCompare(b.key)); // one lock order for concurrent requests
  let limited = false;
  let opened = false;
  for (const { key, limit } of keys) {
    const [{ count }] = await db.$queryRaw<{ count: number }[]>`
      INSERT INTO "SignInRateLimit" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, 1)
      ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "SignInRateLimit"."count" + 1
      RETURNING "count"`;
    if (count > limit) limited = true;
    if (count === 1) opened = true;
  }
  if (opened) {
    await db.signInRateLimit.deleteMany({
      where: { windowStart: { lt: new Date(now.getTime() - KEEP_MS) } },
    });
  }
  return { limited };
}
