import type { Db } from "@/lib/db";
import { clearLedgerFailure, recordLedgerFailure } from "@/lib/ledger/ledger-retry";
import { claimLedgerEvent } from "@/lib/ledger/claim-ledger-event";
import { log } from "@/lib/log";
import { redactText } from "@/lib/redact";
import { LEDGER_HANDLERS, type LedgerOutcome } from "@/lib/workflows/ledger-handlers";

/** No provider API is called inside the transaction (reads happen before it opens). */
const TX_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

export type ProcessResult =
  | {
      status: "processed" | "ignored";
      outcome: LedgerOutcome;
      /** Outbox tasks created with the change, to hand to the executor after commit. */
      syncTasks: { id: string; customerId: string }[];
    }
  | { status: "skipped"; detail: string; syncTasks: [] };

/**
 * Applies one ledger event to customer state and records the result on the ledger row,
 * in one transaction. Runs the same under Inngest and the in-process executor.
 * Idempotent: safe to run any number of times for the same ledger event; only a row in
 * `received` or `failed` (or an abandoned `processing` claim) is processed.
 * Throws when applying fails, after marking the row `failed` with its next automatic
 * attempt (lib/ledger/ledger-retry.ts), so the executor retries too.
 */
export async function processLedgerEvent(db: Db, ledgerEventId: string): Promise<ProcessResult> {
  const row = await claimLedgerEvent(db, ledgerEventId);
  if (!row) {
    const row = await db.ledgerEvent.findUnique({
      where: { id: ledgerEventId },
      select: { status: true },
    });
    return {
      status: "skipped",
      detail: row ? `ledger event is ${row.status}` : "ledger event not found",
      syncTasks: [],
    };
  }

  const logger = log.child({ correlationId: row.correlationId, ledgerEventId, type: row.type });
  try {
    const handler = LEDGER_HANDLERS[row.source];
    const read = await handler.read(db, row);
    const outcome = await db.$transaction(async (tx) => {
      const outcome = await handler.apply(tx, row, read);
      // The customer the event was applied to is linked here, with the status (one UPDATE).
      const customerId = "customerId" in outcome ? outcome.customerId : null;
      await tx.ledgerEvent.update({
        where: { id: row.id },
        data: {
          ...(customerId ? { customerId } : {}),
          status: outcome.outcome === "ignored" ? "ignored" : "processed",
          result: outcome,
          error: null,
          processedAt: new Date(),
        },
      });
      await clearLedgerFailure(tx, row);
      return outcome;
    }, TX_OPTIONS);
    logger.info({ outcome: outcome.outcome }, "ledger event processed");
    const syncTasks = "syncTasks" in outcome ? outcome.syncTasks : [];
    return { status: outcome.outcome === "ignored" ? "ignored" : "processed", outcome, syncTasks };
  } catch (e) {
    const message = redactText(e instanceof Error ? e.message : String(e)).slice(0, 2000);
    await recordLedgerFailure(db, row, message);
    logger.error({ err: message, attempts: row.attempts }, "ledger event failed");
    throw e;
  }
}
