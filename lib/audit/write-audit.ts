import type { Tx } from "@/lib/db";
import type { InputJsonValue } from "@/lib/generated/prisma/internal/prismaNamespace";

export type AuditEntry = {
  /** Who did it: a user's email, or "system:<job>" for automated work. */
  actor: string;
  /** Dotted verb, e.g. "customer.merge", "billing.drift_repair", "access.override". */
  action: string;
  /** What it was done to, e.g. a customer id. */
  target: string;
  before?: unknown;
  after?: unknown;
};

function json(value: unknown): InputJsonValue | undefined {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as InputJsonValue);
}

/**
 * Appends one row to the audit log (rows are never updated or deleted). Not idempotent on
 * its own: call it inside the idempotent operation it records, in the same transaction.
 */
export async function writeAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      actor: entry.actor,
      action: entry.action,
      target: entry.target,
      before: json(entry.before),
      after: json(entry.after),
    },
  });
}
