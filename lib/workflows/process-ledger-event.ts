import type Stripe from "stripe";
import { applyAppEvent } from "@/lib/integrations/app/apply-app-event";
import { applyStripeEvent, type ApplyOutcome } from "@/lib/billing/apply-stripe-event";
import { describeStripeEvent } from "@/lib/billing/describe-event";
import { readStripeTruth, type StripeTruth } from "@/lib/billing/read-stripe-truth";
import type { EventFacts } from "@/lib/billing/types";
import {
  applyHubspotEvent,
  prefetchHubspotEvent,
} from "@/lib/integrations/hubspot/apply-hubspot-event";
import type { HubspotPrefetch } from "@/lib/integrations/hubspot/types";
import type { Db, Tx } from "@/lib/db";
import type { LedgerEvent } from "@/lib/generated/prisma/client";
import { clearLedgerFailure, recordLedgerFailure } from "@/lib/ledger/ledger-retry";
import { claimLedgerEvent } from "@/lib/ledger/claim-ledger-event";
import { log } from "@/lib/log";
import { redactText } from "@/lib/redact";
import { applyZendeskEvent } from "@/lib/integrations/zendesk/apply-zendesk-event";
import type { InboundOutcome } from "@/lib/ledger/inbound-outcome";
import type { AppEvent } from "@/lib/integrations/app/verify-request";
import { ZHubspotEvent } from "@/lib/integrations/hubspot/verify-request";

/** No provider API is called inside the transaction (reads happen before it opens). */
const TX_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

export type ProcessResult =
  | {
      status: "processed" | "ignored";
      outcome: ApplyOutcome | InboundOutcome;
      /** Outbox tasks created with the change, to hand to the executor after commit. */
      syncTasks: { id: string; customerId: string }[];
    }
  | { status: "skipped"; detail: string; syncTasks: [] };

/** What an event needs from provider APIs, read before the transaction opens (no I/O inside it). */
type Prefetch = {
  hubspot?: HubspotPrefetch;
  stripe?: { facts: EventFacts; truth: StripeTruth } | { skip: string };
};

async function prefetchLedgerEvent(db: Db, row: LedgerEvent): Promise<Prefetch> {
  switch (row.source) {
    case "hubspot":
      return { hubspot: await prefetchHubspotEvent(ZHubspotEvent.parse(row.payload)) };
    case "stripe": {
      const facts = describeStripeEvent(row.payload as unknown as Stripe.Event);
      if ("skip" in facts) return { stripe: facts };
      return { stripe: { facts, truth: await readStripeTruth(db, row.seq, facts) } };
    }
    default:
      return {};
  }
}

async function applyLedgerEvent(
  tx: Tx,
  row: LedgerEvent,
  prefetch: Prefetch,
): Promise<ApplyOutcome | InboundOutcome> {
  const ctx = { ledgerEventId: row.id, occurredAt: row.occurredAt };
  switch (row.source) {
    case "stripe": {
      const stripe = prefetch.stripe!;
      if ("skip" in stripe) return { outcome: "ignored", detail: stripe.skip };
      return applyStripeEvent(tx, stripe.facts, stripe.truth, {
        ledgerEventId: row.id,
        eventType: row.type,
        correlationId: row.correlationId,
      });
    }
    case "hubspot":
      return applyHubspotEvent(tx, ZHubspotEvent.parse(row.payload), {
        ...ctx,
        prefetch: prefetch.hubspot ?? {},
      });
    case "zendesk":
      return applyZendeskEvent(tx, row.type, row.payload, row.id);
    case "app":
      return applyAppEvent(tx, row.payload as unknown as AppEvent, ctx);
  }
}

/**
 * Applies one ledger event to customer state and records the result on the ledger row,
 * in one transaction. Runs the same under Inngest and the in-process executor.
 * Idempotent: safe to run any number of times for the same ledger event; only a row in
 * `received` or `failed` (or an abandoned `processing` claim) is processed.
 * Throws when applying fails, after marking the row `failed` with its next automatic
 * attempt (lib/ledger/ledger-retry.ts), so the executor retries too.
 */
export async function processLedgerEvent(db: Db, ledgerEventId: string): Promise<ProcessResult> {
  if (!(await claimLedgerEvent(db, ledgerEventId))) {
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

  const row = await db.ledgerEvent.findUniqueOrThrow({ where: { id: ledgerEventId } });
  const logger = log.child({ correlationId: row.correlationId, ledgerEventId, type: row.type });
  try {
    const prefetch = await prefetchLedgerEvent(db, row);
    const outcome = await db.$transaction(async (tx) => {
      const outcome = await applyLedgerEvent(tx, row, prefetch);
      await tx.ledgerEvent.update({
        where: { id: row.id },
        data: {
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
