import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createConnectors } from "@/lib/integrations/connectors";
import { runSyncTask, type SyncDeps } from "@/lib/outbox/run-sync-task";
import { processLedgerEvent } from "@/lib/workflows/process-ledger-event";

let deps: SyncDeps | undefined;

/** Connectors built once from the validated configuration. */
export function syncDeps(): SyncDeps {
  deps ??= {
    connectors: createConnectors(env),
    publicUrl: env.NEXTAUTH_URL,
    timeoutMs: env.SYNC_CALL_TIMEOUT_MS,
    emailTimeoutMs: env.SYNC_EMAIL_TIMEOUT_MS,
    backoffBaseMs: env.SYNC_BACKOFF_BASE_MS,
    backoffCapMs: env.SYNC_BACKOFF_CAP_MS,
  };
  return deps;
}

/** Test hook: rebuild connectors after changing the configuration. */
export function resetSyncDeps() {
  deps = undefined;
}

/**
 * The workflow steps, shared by the Inngest functions and the in-process executor; they
 * do not know which one runs them. Each executor adds only its own retry mechanics.
 */
export const workflows = {
  processLedgerEvent: (ledgerEventId: string) => processLedgerEvent(db, ledgerEventId),
  runSyncTask: (taskId: string) => runSyncTask(db, taskId, syncDeps()),
};
