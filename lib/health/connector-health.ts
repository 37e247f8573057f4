import type { Db } from "@/lib/db";
import type { Connector, SyncTarget } from "@/lib/integrations/connector/types";

export type ConnectorHealth = {
  target: SyncTarget;
  configured: boolean;
  /** Why not configured (names the missing variable, never a value). */
  notConfiguredReason: string | null;
  lastSuccessAt: string | null;
  /** The newest failure still standing (failed awaiting retry, or dead). */
  lastError: { at: string; message: string; status: string } | null;
  pending: number;
  dead: number;
};

/** Per connector: configuration, last success and last error from the outbox. */
export async function connectorHealth(
  db: Db,
  connectors: Record<SyncTarget, Connector>,
): Promise<ConnectorHealth[]> {
  const targets = Object.keys(connectors) as SyncTarget[];
  const [successes, errors, counts] = await Promise.all([
    db.syncTask.groupBy({
      by: ["target"],
      where: { lastSuccessAt: { not: null } },
      _max: { lastSuccessAt: true },
    }),
    Promise.all(
      targets.map((target) =>
        db.syncTask.findFirst({
          where: { target, status: { in: ["failed", "dead"] }, lastError: { not: null } },
          orderBy: { updatedAt: "desc" },
          select: { updatedAt: true, lastError: true, status: true },
        }),
      ),
    ),
    db.syncTask.groupBy({
      by: ["target", "status"],
      where: { status: { in: ["pending", "failed", "running", "dead"] } },
      _count: true,
    }),
  ]);
  return targets.map((target, i) => {
    const reason = connectors[target].notConfiguredReason();
    const err = errors[i];
    const count = (statuses: string[]) =>
      counts
        .filter((c) => c.target === target && statuses.includes(c.status))
        .reduce((n, c) => n + c._count, 0);
    return {
      target,
      configured: reason === null,
      notConfiguredReason: reason,
      lastSuccessAt:
        successes.find((s) => s.target === target)?._max.lastSuccessAt?.toISOString() ?? null,
      lastError: err
        ? { at: err.updatedAt.toISOString(), message: err.lastError ?? "", status: err.status }
        : null,
      pending: count(["pending", "failed", "running"]),
      dead: count(["dead"]),
    };
  });
}
