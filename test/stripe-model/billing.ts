import type { StripeModel } from "./model";
import { customerObject, invoiceObject } from "./objects";
import { setupIntentObject } from "./objects-payments";
import type { CustomerSlot, Obj } from "./types";

/**
 * Building blocks shared by the operations: customers, payment methods, invoices and
 * subscription updates, each emitting the events Stripe emits for it, in Stripe's order
 * (docs.stripe.com/billing/subscriptions/webhooks, "Subscription events"; the invoice
 * lifecycle of docs.stripe.com/invoicing/overview: draft → open → paid | void | uncollectible).
 */

/** customer.created the first time a customer appears (Checkout creates it). */
export function ensureCustomer(m: StripeModel, slot: CustomerSlot): void {
  if (slot.created !== null) return;
  slot.created = m.now;
  m.put("customers", customerObject({ ...slot, created: m.now }));
  m.emit("customer.created", "customers", slot.id);
}

/**
 * The customer saves a card: through a SetupIntent (setup-mode Checkout, a trial, the portal)
 * or along with a payment. It becomes the default for invoices (customer.updated).
 */
export function attachPaymentMethod(
  m: StripeModel,
  slot: CustomerSlot,
  viaSetupIntent: boolean,
): string | null {
  const pm = m.id("pm");
  let setupIntent: string | null = null;
  if (viaSetupIntent) {
    setupIntent = m.id("seti");
    m.put(
      "setup_intents",
      setupIntentObject({ id: setupIntent, customer: slot.id, pm, created: m.now }),
    );
    m.emit("setup_intent.created", "setup_intents", setupIntent);
    m.emit("setup_intent.succeeded", "setup_intents", setupIntent);
  }
  m.emitObject(
    "payment_method.attached",
    { id: pm, object: "payment_method", type: "card", customer: slot.id, card: { last4: "4242" } },
    slot.id,
  );
  slot.paymentMethod = pm;
  slot.cardOk = true;
  const previous = m.update("customers", slot.id, {
    invoice_settings: { default_payment_method: pm },
  });
  m.emit("customer.updated", "customers", slot.id, previous);
  return setupIntent;
}

export function createInvoice(
  m: StripeModel,
  slot: CustomerSlot,
  o: { subscription: string | null; amount: number; reason: string; start: number; end: number },
): string {
  const id = m.id("in");
  m.put(
    "invoices",
    invoiceObject({
      id,
      customer: slot.id,
      email: slot.email,
      name: slot.name,
      subscription: o.subscription,
      amount: o.amount,
      created: m.now,
      billingReason: o.reason,
      periodStart: o.start,
      periodEnd: o.end,
    }),
  );
  if (o.subscription) m.update("subscriptions", o.subscription, { latest_invoice: id });
  m.emit("invoice.created", "invoices", id);
  return id;
}

export function finalizeInvoice(m: StripeModel, id: string): void {
  const inv = m.get("invoices", id);
  m.update("invoices", id, {
    status: "open",
    status_transitions: { ...(inv.status_transitions as Obj), finalized_at: m.now },
  });
  m.emit("invoice.finalized", "invoices", id);
}

/** Changes a subscription and emits customer.subscription.updated with previous_attributes. */
export function updateSubscription(m: StripeModel, id: string, patch: Obj): void {
  const previous = m.update("subscriptions", id, patch);
  if (Object.keys(previous).length)
    m.emit("customer.subscription.updated", "subscriptions", id, previous);
}

/** The subscription's current period end (on its first item, clover). */
export function periodEnd(sub: Obj): number {
  return Number((sub.items as { data: Obj[] }).data[0].current_period_end);
}

/** The subscription's items with a new current period. */
export function itemsWithPeriod(sub: Obj, start: number, end: number): Obj {
  const items = structuredClone(sub.items) as { data: Obj[] };
  items.data[0] = { ...items.data[0], current_period_start: start, current_period_end: end };
  return items;
}
