import type { Db } from "@/lib/db";

export type SyncState = "ok" | "pending" | "failed";
export type CustomerSync = { state: SyncState; lastError: string | null };

/**
 * Sync state per customer: `failed` if a side effect is dead (an exception is open),
 * `pending` while one is queued, running or waiting for a retry (with its last error),
 * `ok` otherwise. Skipped tasks (connector not configured) do not count as pending.
 */
export async function syncStateOf(
  db: Db,
  customerIds: string[],
): Promise<Map<string, CustomerSync>> {
  const result = new Map<string, CustomerSync>(
    customerIds.map((id) => [id, { state: "ok", lastError: null }]),
  );
  if (customerIds.length === 0) return result;
  const open = await db.syncTask.findMany({
    where: {
      customerId: { in: customerIds },
      status: { in: ["pending", "running", "failed", "dead"] },
    },
    select: { customerId: true, status: true, lastError: true, updatedAt: true },
    orderBy: { updatedAt: "asc" },
  });
  for (const t of open) {
    const current = result.get(t.customerId)!;
    if (t.status === "dead") result.set(t.customerId, { state: "failed", lastError: t.lastError });
    else if (current.state !== "failed")
      result.set(t.customerId, { state: "pending", lastError: t.lastError ?? current.lastError });
  }
  return result;
}
