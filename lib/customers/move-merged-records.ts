import type { Tx } from "@/lib/db";
import { IDENTITY_CONFLICT } from "@/lib/customers/identity-conflict";
import type { SyncTaskStatus } from "@/lib/generated/prisma/enums";

const OPEN: SyncTaskStatus[] = ["pending", "failed", "running"];

/**
 * Moves the merged-away record's outbox to the survivor. Idempotency keys that name the
 * loser (`welcome-email:<id>`, `crm:<id>:<cause>`, `app-access:<id>:<cause>`,
 * `ticket:blocked:<id>:…`) are rewritten to name the survivor, so the cause still acts
 * once. When the survivor already has a task with the rewritten key, the two are one side
 * effect: an open one is superseded (`skipped`, never run) by its twin — the loser's, or
 * the survivor's when the loser's already succeeded — and finished history stays as it was
 * under its old key. Runs inside mergeCustomers' transaction, with both rows locked.
 * Idempotent: safe to run any number of times for the same pair (nothing is left to move).
 */
export async function moveSyncTasks(
  tx: Tx,
  winnerId: string,
  loserId: string,
): Promise<{ moved: number; superseded: number }> {
  const tasks = await tx.syncTask.findMany({
    where: { customerId: loserId },
    select: { id: true, idempotencyKey: true, status: true },
    orderBy: { createdAt: "asc" },
  });
  let superseded = 0;
  const supersede = async (id: string, by: string, why: string) => {
    superseded++;
    await tx.syncTask.update({
      where: { id },
      data: {
        status: "skipped",
        claimedAt: null,
        lastError: `superseded by task ${by}: ${why}`,
        result: { supersededBy: by },
      },
    });
  };
  for (const t of tasks) {
    const key = t.idempotencyKey.split(loserId).join(winnerId);
    const twin =
      key === t.idempotencyKey
        ? null
        : await tx.syncTask.findUnique({
            where: { idempotencyKey: key },
            select: { id: true, status: true },
          });
    await tx.syncTask.update({
      where: { id: t.id },
      data: { customerId: winnerId, ...(!twin && { idempotencyKey: key }) },
    });
    if (!twin) continue;
    if (OPEN.includes(t.status)) {
      await supersede(t.id, twin.id, "the surviving customer already has this side effect");
    } else if (t.status === "succeeded" && OPEN.includes(twin.status)) {
      await supersede(twin.id, t.id, "the merged customer already had this side effect done");
    }
  }
  return { moved: tasks.length, superseded };
}

/**
 * Moves the merged-away record's exceptions to the survivor and re-points identity
 * conflicts that name it. A conflict between the two merged records is resolved by the
 * merge (if a person has not resolved it already); one that now repeats another conflict
 * of the survivor is resolved as a duplicate of it.
 * Idempotent: safe to run any number of times for the same pair.
 */
export async function moveExceptions(
  tx: Tx,
  winnerId: string,
  loserId: string,
  actor: string,
): Promise<number> {
  const plain = await tx.exceptionRecord.updateMany({
    where: { customerId: loserId, NOT: { kind: IDENTITY_CONFLICT } },
    data: { customerId: winnerId },
  });
  const conflicts = await tx.exceptionRecord.findMany({
    where: {
      kind: IDENTITY_CONFLICT,
      OR: [{ customerId: loserId }, { pairCustomerId: loserId }],
    },
  });
  const now = new Date();
  for (const x of conflicts) {
    const customerId = x.customerId === loserId ? winnerId : x.customerId;
    const pair = x.pairCustomerId === loserId ? winnerId : x.pairCustomerId;
    const duplicate =
      customerId !== pair && customerId && pair
        ? await tx.exceptionRecord.findFirst({
            where: {
              kind: IDENTITY_CONFLICT,
              NOT: { id: x.id },
              OR: [
                { customerId, pairCustomerId: pair },
                { customerId: pair, pairCustomerId: customerId },
              ],
            },
            select: { id: true },
          })
        : null;
    const settled = customerId === pair || duplicate;
    await tx.exceptionRecord.update({
      where: { id: x.id },
      data: {
        customerId,
        // The pair is gone (merged) or already named by the other exception.
        pairCustomerId: settled ? null : pair,
        ...(settled &&
          x.status === "open" && {
            status: "resolved",
            resolvedAt: now,
            resolutionNote: duplicate
              ? `Same conflict as exception ${duplicate.id} after a merge by ${actor}`
              : `The two records were merged by ${actor}`,
          }),
      },
    });
  }
  return plain.count + conflicts.length;
}
