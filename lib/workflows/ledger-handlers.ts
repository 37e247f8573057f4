import type Stripe from "stripe";
import { applyStripeEvent, type ApplyOutcome } from "@/lib/billing/apply-stripe-event";
import { describeStripeEvent } from "@/lib/billing/describe-event";
import { readStripeTruth, type StripeTruth } from "@/lib/billing/read-stripe-truth";
import type { EventFacts } from "@/lib/billing/types";
import type { LedgerSource } from "@/lib/generated/prisma/enums";
import { appLedgerHandler } from "@/lib/integrations/app/apply-app-event";
import { hubspotLedgerHandler } from "@/lib/integrations/hubspot/apply-hubspot-event";
import { zendeskLedgerHandler } from "@/lib/integrations/zendesk/apply-zendesk-event";
import type { InboundOutcome } from "@/lib/ledger/inbound-outcome";
import type { LedgerHandler } from "@/lib/ledger/ledger-handler";

export type LedgerOutcome = ApplyOutcome | InboundOutcome;

/**
 * Stripe events go to the billing engine: the event's facts are described from its type
 * (lib/integrations/stripe/event-rules.ts), the objects it is about re-read before the
 * transaction, then converged inside it.
 */
const stripeLedgerHandler: LedgerHandler<
  { facts: EventFacts; truth: StripeTruth } | { skip: string },
  ApplyOutcome
> = {
  async read(db, row) {
    const facts = describeStripeEvent(row.payload as unknown as Stripe.Event);
    if ("skip" in facts) return facts;
    return { facts, truth: await readStripeTruth(db, row.seq, facts) };
  },
  async apply(tx, row, read) {
    if ("skip" in read) return { outcome: "ignored", detail: read.skip };
    return applyStripeEvent(tx, read.facts, read.truth, {
      ledgerEventId: row.id,
      eventType: row.type,
      correlationId: row.correlationId,
      attempt: row.attempts,
    });
  },
};

/** The one place a ledger row's source picks what applies it. */
export const LEDGER_HANDLERS: Record<LedgerSource, LedgerHandler<unknown, LedgerOutcome>> = {
  stripe: stripeLedgerHandler,
  hubspot: hubspotLedgerHandler,
  zendesk: zendeskLedgerHandler,
  app: appLedgerHandler,
};
