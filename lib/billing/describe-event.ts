import type Stripe from "stripe";
import { ruleOf } from "@/lib/integrations/stripe/event-rules";
import { SYNTHETIC_READ_SEQ } from "@/lib/billing/read-stripe-truth";
import { mapObject } from "@/lib/integrations/stripe/fetch-object";
import { idOf, payloadObject, str } from "@/lib/integrations/stripe/objects";
import { eventTime, type EventFacts, type StripeCustomerRef } from "@/lib/billing/types";

const nobody: StripeCustomerRef = { stripeCustomerId: null, email: null, name: null };

/** The person an identity verification session names: related_customer, then metadata. */
function identityCustomer(s: Record<string, unknown>): StripeCustomerRef {
  const metadata = (s.metadata ?? {}) as Record<string, unknown>;
  const outputs = (s.verified_outputs ?? s.provided_details ?? {}) as Record<string, unknown>;
  return {
    stripeCustomerId:
      idOf(s.related_customer) ?? str(metadata.stripe_customer_id) ?? str(metadata.customer_id),
    email: str(outputs.email) ?? str(metadata.email),
    name: null,
  };
}

/** Our own import/drift events (never Stripe's, whose ids start with evt_) carry their read. */
function syntheticReadSeq(event: Stripe.Event): bigint | null {
  if (!/^(import|drift):/.test(event.id)) return null;
  const seq = (event as unknown as Record<string, unknown>)[SYNTHETIC_READ_SEQ];
  return typeof seq === "string" && /^\d+$/.test(seq) ? BigInt(seq) : null;
}

/**
 * What one Stripe event says on its own (pure, no I/O): the object it is about, that
 * object as the payload describes it, who it names, and the facts only the event itself
 * carries (a failed payment attempt, an identity outcome). Returns `skip` with a reason
 * for events that change nothing.
 */
export function describeStripeEvent(event: Stripe.Event): EventFacts | { skip: string } {
  const rule = ruleOf(event.type);
  if (!rule) return { skip: `event type ${event.type} is not handled` };
  const o = payloadObject(event as unknown as { data?: { object?: unknown } });
  if (!o) return { skip: "event has no data.object" };
  const base = {
    type: event.type,
    rule,
    eventAt: eventTime(event),
    ref: null,
    payload: null,
    failure: null,
    identity: null,
    readSeq: syntheticReadSeq(event),
  } satisfies Partial<EventFacts>;

  if (rule.object === "identity") {
    const customer = identityCustomer(o);
    if (!customer.stripeCustomerId && !customer.email)
      return { skip: "verification session names no customer" };
    return { ...base, customer, identity: rule.identity };
  }
  if (rule.object === "payment_intent") {
    const customer = {
      stripeCustomerId: idOf(o.customer),
      email: str(o.receipt_email),
      name: null,
    };
    if (!customer.stripeCustomerId && !customer.email)
      return { skip: "payment intent names no customer" };
    return { ...base, customer };
  }
  if (rule.via) {
    const id = idOf(o[rule.via]);
    if (!id) return { skip: `${String(o.object ?? "payload")} names no ${rule.via}` };
    return { ...base, customer: nobody, ref: { kind: rule.object, id } };
  }

  const payload = mapObject(rule.object, o);
  if (!payload) return { skip: `${rule.object} payload has no id` };
  const ref = { kind: rule.object, id: String(o.id) };
  switch (payload.kind) {
    case "customer":
      if (event.type === "customer.deleted") payload.state.deleted = true;
      return {
        ...base,
        ref,
        payload,
        customer: {
          stripeCustomerId: payload.state.stripeCustomerId,
          email: payload.state.email,
          name: payload.state.name,
        },
      };
    case "subscription":
      if (rule.status) payload.state.status = rule.status;
      return {
        ...base,
        ref,
        payload,
        customer: { ...nobody, stripeCustomerId: payload.state.stripeCustomerId },
      };
    case "invoice": {
      const inv = payload.state;
      if (inv.status === "paid" && !inv.paidAt) inv.paidAt = base.eventAt;
      return {
        ...base,
        ref,
        payload,
        customer: { stripeCustomerId: inv.stripeCustomerId, email: inv.email, name: inv.name },
        failure: rule.failure ? { invoiceId: inv.stripeInvoiceId, code: rule.failure } : null,
      };
    }
    case "charge": {
      const billing = (o.billing_details ?? {}) as Record<string, unknown>;
      const customer = {
        stripeCustomerId: payload.state.stripeCustomerId,
        email: str(billing.email),
        name: str(billing.name),
      };
      return { ...base, ref, payload, customer };
    }
    case "dispute":
      return { ...base, ref, payload, customer: nobody };
    case "checkout_session": {
      const s = payload.state;
      return {
        ...base,
        ref,
        payload,
        customer: { stripeCustomerId: s.stripeCustomerId, email: s.email, name: s.name },
      };
    }
  }
}
