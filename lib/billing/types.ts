import type Stripe from "stripe";
import type { EventRule, InvoiceFailure } from "@/lib/integrations/stripe/event-rules";

export { idOf } from "@/lib/integrations/stripe/objects";

export type StripeCustomerRef = {
  stripeCustomerId: string | null;
  email: string | null;
  name: string | null;
};

export type { InvoiceFailure } from "@/lib/integrations/stripe/event-rules";

export type { ObjectRef, ObjectState } from "@/lib/integrations/stripe/objects";
import type { ObjectRef, ObjectState } from "@/lib/integrations/stripe/objects";

/** What one Stripe event says on its own, extracted without I/O. */
export type EventFacts = {
  type: string;
  rule: EventRule;
  /** Stripe's `created` of the event (whole seconds, Stripe's clock). */
  eventAt: Date;
  /** Who the payload names. */
  customer: StripeCustomerRef;
  /** The object the event is about. */
  ref: ObjectRef | null;
  /** That object as the payload describes it (null when the payload is another object). */
  payload: ObjectState | null;
  /** A failed payment attempt on an invoice, reported at `eventAt`. */
  failure: { invoiceId: string; code: InvoiceFailure } | null;
  identity: "verified" | "requires_input" | null;
  /** Only on our own import/drift events: the payload was read from Stripe under this number. */
  readSeq: bigint | null;
};

export function eventTime(event: Stripe.Event): Date {
  return new Date(event.created * 1000);
}
