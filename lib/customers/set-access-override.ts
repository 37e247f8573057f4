import { writeAudit } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db";
import { recomputeAccess } from "@/lib/customers/recompute-access";
import type { AccessDecision } from "@/lib/access/facts";

type SyncTaskRef = { id: string; customerId: string };
import type { OverrideKind } from "@/lib/generated/prisma/enums";

export type OverrideInput = {
  customerId: string;
  kind: OverrideKind;
  reason: string;
  /** Who decided (a user's email). */
  actor: string;
  /** When it ends by itself; null for "until revoked". */
  expiresAt: Date | null;
  /** The approval request this carries out: unique, so one approval makes one override. */
  approvalRequestId?: string | null;
};

/**
 * Grants or blocks access by hand. The override wins over the policy until it expires or
 * is revoked; it is audited and access is recomputed at once.
 * Not idempotent by design: each call records one more decision (the newest one wins).
 */
export async function setAccessOverride(
  db: Db,
  input: OverrideInput,
  now = new Date(),
): Promise<AccessDecision & { overrideId: string; syncTasks: SyncTaskRef[] }> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "Customer" WHERE "id" = ${input.customerId} FOR UPDATE`;
    const override = await tx.accessOverride.create({ data: { ...input, createdAt: now } });
    await writeAudit(tx, {
      actor: input.actor,
      action: `access.override_${input.kind}`,
      target: input.customerId,
      after: override,
    });
    const decision = await recomputeAccess(tx, input.customerId, { actor: input.actor }, now);
    return { ...decision, overrideId: override.id };
  });
}

/**
 * Ends an override of `customerId` before its expiry; audited; access is recomputed. An
 * override of another customer is "not found" (null): a request acts only on its own target.
 * Idempotent: safe to run any number of times for the same override.
 */
export async function revokeAccessOverride(
  db: Db,
  target: { customerId: string; overrideId: string },
  actor: string,
  now = new Date(),
): Promise<(AccessDecision & { syncTasks: SyncTaskRef[] }) | null> {
  return db.$transaction(async (tx) => {
    const found = await tx.accessOverride.findUnique({ where: { id: target.overrideId } });
    if (!found || found.customerId !== target.customerId) return null;
    const overrideId = found.id;
    await tx.$queryRaw`SELECT 1 FROM "Customer" WHERE "id" = ${found.customerId} FOR UPDATE`;
    if (!found.revokedAt) {
      const revoked = await tx.accessOverride.update({
        where: { id: overrideId },
        data: { revokedAt: now },
      });
      await writeAudit(tx, {
        actor,
        action: "access.override_revoke",
        target: found.customerId,
        before: found,
        after: revoked,
      });
    }
    return recomputeAccess(tx, found.customerId, { actor }, now);
  });
}
