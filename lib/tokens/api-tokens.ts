import { createHash, randomBytes } from "node:crypto";
import { writeAudit } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db";

export const TOKEN_PREFIX = "lr_";

/** SHA-256 hex of a token: the only form in which tokens are stored. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Creates a read-API token and returns it in clear this one time; only its hash is stored.
 * Not idempotent by design: each call mints a new token (audited as token.create).
 */
export async function createApiToken(
  db: Db,
  actor: { id: string; email: string },
  name: string,
): Promise<{ id: string; token: string }> {
  const clean = name.trim();
  if (clean.length < 2 || clean.length > 80) throw new Error("Name must be 2–80 characters");
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        name: clean,
        tokenHash: hashToken(token),
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        createdById: actor.id,
      },
    });
    await writeAudit(tx, {
      actor: actor.email,
      action: "token.create",
      target: `token:${row.id}`,
      after: { id: row.id, name: row.name, prefix: row.prefix },
    });
    return { id: row.id, token };
  });
}

/**
 * Revokes a token; requests with it are refused from then on.
 * Idempotent: revoking a revoked token changes nothing and writes no second audit entry.
 */
export async function revokeApiToken(
  db: Db,
  actor: { email: string },
  id: string,
  now = new Date(),
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: now },
    });
    if (count === 1) {
      await writeAudit(tx, {
        actor: actor.email,
        action: "token.revoke",
        target: `token:${id}`,
        before: { revokedAt: null },
        after: { revokedAt: now },
      });
    }
    return count === 1;
  });
}

/**
 * True if `token` is an unrevoked token from the table; records when it was last used.
 * Idempotent: a check only moves lastUsedAt forward.
 */
export async function verifyApiToken(db: Db, token: string, now = new Date()): Promise<boolean> {
  if (!token.startsWith(TOKEN_PREFIX)) return false;
  const { count } = await db.apiToken.updateMany({
    where: { tokenHash: hashToken(token), revokedAt: null },
    data: { lastUsedAt: now },
  });
  return count === 1;
}

/** Every token, newest first, without any hash. */
export async function listApiTokens(db: Db) {
  return db.apiToken.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
    },
  });
}
