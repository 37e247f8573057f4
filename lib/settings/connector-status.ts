import type { Db } from "@/lib/db";
import type { Env } from "@/lib/env";
import { createConnectors, type SyncTarget } from "@/lib/integrations/connectors";

export type ConnectorStatus = {
  target: SyncTarget;
  configured: boolean;
  /** Why it is not configured (names a variable, never its value). */
  reason: string | null;
  lastSuccessAt: Date | null;
  lastError: { message: string; at: Date } | null;
};

const TARGETS: SyncTarget[] = ["crm", "support", "email", "app"];

/** Per sync target: configured or not, last success and last error. Never a secret's value. */
export async function connectorStatus(db: Db, env: Env): Promise<ConnectorStatus[]> {
  const connectors = createConnectors(env);
  return Promise.all(
    TARGETS.map(async (target) => {
      const [success, failure] = await Promise.all([
        db.syncTask.aggregate({ where: { target }, _max: { lastSuccessAt: true } }),
        db.syncTask.findFirst({
          where: { target, lastError: { not: null } },
          orderBy: { updatedAt: "desc" },
          select: { lastError: true, updatedAt: true },
        }),
      ]);
      const reason = connectors[target].notConfiguredReason();
      return {
        target,
        configured: reason === null,
        reason,
        lastSuccessAt: success._max.lastSuccessAt,
        lastError: failure?.lastError
          ? { message: failure.lastError, at: failure.updatedAt }
          : null,
      };
    }),
  );
}
