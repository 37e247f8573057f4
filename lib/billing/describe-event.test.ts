import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { checkoutBilling } from "@/lib/billing/checkout";
import { describeStripeEvent } from "@/lib/billing/describe-event";
import { isHandledStripeEvent } from "@/lib/integrations/stripe/event-rules";
import { mapObject } from "@/lib/integrations/stripe/fetch-object";
import {
  checkoutSessionState,
  invoiceState,
  subscriptionState,
} from "@/lib/integrations/stripe/objects";
import type { EventFacts } from "@/lib/billing/types";

// Pure: what each Stripe event says on its own, before anything is read or written.
const T = 1_790_000_000;
const ev = (type: string, object: Record<string, unknown> | null, id = "evt_1") =>
  ({ id, type, created: T, data: { object } }) as unknown as Stripe.Event;
const facts = (e: Stripe.Event) => describeStripeEvent(e) as EventFacts;

describe("describeStripeEvent", () => {
  it("skips what it does not handle or cannot read, with the reason", () => {
    expect(isHandledStripeEvent("invoice.voided")).toBe(true);
    expect(isHandledStripeEvent("payout.paid")).toBe(false);
    expect(describeStripeEvent(ev("payout.paid", { id: "po_1" }))).toEqual({
      skip: "event type payout.paid is not handled",
    });
    expect(describeStripeEvent(ev("invoice.paid", null))).toEqual({
      skip: "event has no data.object",
    });
    expect(describeStripeEvent(ev("invoice.paid", { object: "invoice" }))).toEqual({
      skip: "invoice payload has no id",
    });
    expect(describeStripeEvent(ev("refund.created", { id: "re_1", object: "refund" }))).toEqual({
      skip: "refund names no charge",
    });
    expect(describeStripeEvent(ev("payment_intent.succeeded", { id: "pi_1" }))).toEqual({
      skip: "payment intent names no customer",
    });
    expect(
      describeStripeEvent(ev("identity.verification_session.verified", { id: "vs_1" })),
    ).toEqual({ skip: "verification session names no customer" });
  });

  it("a refund names its charge: the charge is the object to read", () => {
    const f = facts(ev("refund.created", { id: "re_1", charge: { id: "ch_1" } }));
    expect(f).toMatchObject({ ref: { kind: "charge", id: "ch_1" }, payload: null });
    expect(f.customer).toEqual({ stripeCustomerId: null, email: null, name: null });
  });

  it("records what only the event can say: a failed attempt, a deletion, a forced status, a paid time", () => {
    const failed = facts(
      ev("invoice.payment_failed", { id: "in_1", customer: "cus_1", status: "open" }),
    );
    expect(failed.failure).toEqual({ invoiceId: "in_1", code: "payment_failed" });
    const paid = facts(ev("invoice.paid", { id: "in_2", customer: "cus_1", status: "paid" }));
    expect(paid.payload).toMatchObject({ state: { paidAt: new Date(T * 1000) } });
    const deleted = facts(ev("customer.deleted", { id: "cus_1", object: "customer" }));
    expect(deleted.payload).toMatchObject({ kind: "customer", state: { deleted: true } });
    const sub = facts(
      ev("customer.subscription.paused", { id: "sub_1", customer: "cus_1", status: "active" }),
    );
    expect(sub.payload).toMatchObject({ state: { status: "paused" } });
  });

  it("finds who an event is about in each kind of payload", () => {
    expect(
      facts(
        ev("charge.succeeded", {
          id: "ch_1",
          customer: "cus_1",
          billing_details: { email: "a@example.com", name: "A" },
        }),
      ).customer,
    ).toEqual({ stripeCustomerId: "cus_1", email: "a@example.com", name: "A" });
    expect(facts(ev("charge.dispute.created", { id: "dp_1", charge: "ch_1" })).customer).toEqual({
      stripeCustomerId: null,
      email: null,
      name: null,
    });
    expect(
      facts(ev("payment_intent.payment_failed", { id: "pi_1", receipt_email: "b@example.com" }))
        .customer,
    ).toMatchObject({ email: "b@example.com" });
    expect(
      facts(
        ev("identity.verification_session.requires_input", {
          id: "vs_1",
          metadata: { stripe_customer_id: "cus_9" },
          provided_details: { email: "c@example.com" },
        }),
      ),
    ).toMatchObject({
      identity: "requires_input",
      customer: { stripeCustomerId: "cus_9", email: "c@example.com" },
    });
    expect(
      facts(
        ev("checkout.session.completed", {
          id: "cs_1",
          customer: null,
          customer_email: "d@example.com",
          mode: "setup",
        }),
      ).customer,
    ).toMatchObject({ stripeCustomerId: null, email: "d@example.com" });
  });

  it("only our own import and drift events carry a read number; Stripe's never do", () => {
    const object = { id: "sub_1", customer: "cus_1", status: "active" };
    const withSeq = (id: string) =>
      ({
        ...ev("customer.subscription.updated", object, id),
        launchready_read_seq: "42",
      }) as unknown as Stripe.Event;
    expect(facts(withSeq("import:sub_1:abc")).readSeq).toBe(42n);
    expect(facts(withSeq("drift:sub_1:abc")).readSeq).toBe(42n);
    expect(facts(withSeq("evt_forged")).readSeq).toBeNull();
  });
});

describe("Stripe object mapping across API versions", () => {
  it("reads a subscription's period end and price from the item, or from older top-level fields", () => {
    expect(
      subscriptionState({
        id: "sub_1",
        current_period_end: T,
        plan: { id: "price_old", nickname: null, lookup_key: "old" },
      }),
    ).toMatchObject({
      status: "incomplete",
      currentPeriodEnd: new Date(T * 1000),
      priceId: "price_old",
      planName: "old",
    });
    expect(invoiceState({ id: "in_1", subscription: "sub_1" })).toMatchObject({
      status: "open",
      stripeSubscriptionId: "sub_1",
    });
    expect(checkoutSessionState({ id: "cs_1", customer_email: "x@example.com" })).toMatchObject({
      mode: "payment",
      paymentStatus: "unpaid",
      email: "x@example.com",
    });
    for (const kind of [
      "customer",
      "subscription",
      "invoice",
      "charge",
      "dispute",
      "checkout_session",
    ] as const)
      expect(mapObject(kind, { object: kind })).toBeNull();
  });
});

describe("checkoutBilling", () => {
  const session = (over: Partial<ReturnType<typeof checkoutSessionState>>) => ({
    ...checkoutSessionState({ id: "cs_1", customer: "cus_1" })!,
    ...over,
  });
  const event = { kind: "event" as const, eventAt: new Date(T * 1000) };
  const read = { kind: "read" as const, seq: 5n, eventAt: new Date(T * 1000) };

  it("guesses a subscription from the session only without a key, and never 'active' without payment", () => {
    const sub = (paymentStatus: string) =>
      checkoutBilling(
        session({ mode: "subscription", subscriptionId: "sub_1", paymentStatus }),
        event,
      );
    expect(sub("paid").subscriptionGuess?.status).toBe("active");
    expect(sub("no_payment_required").subscriptionGuess).toMatchObject({ status: "trialing" });
    expect(sub("unpaid")).toEqual({});
    expect(
      checkoutBilling(
        session({ mode: "subscription", subscriptionId: "sub_1", paymentStatus: "paid" }),
        read,
      ),
    ).toEqual({});
  });

  it("a one-off purchase counts only when paid; with a key its own invoice is read instead", () => {
    const paid = session({ mode: "payment", paymentStatus: "paid", amountTotal: 900 });
    expect(checkoutBilling(paid, event).paidInvoice).toMatchObject({
      stripeInvoiceId: "checkout:cs_1",
      status: "paid",
      amountPaid: 900,
    });
    expect(
      checkoutBilling({ ...paid, invoiceId: "in_9" }, event).paidInvoice?.stripeInvoiceId,
    ).toBe("in_9");
    expect(checkoutBilling({ ...paid, invoiceId: "in_9" }, read)).toEqual({});
    expect(checkoutBilling({ ...paid, paymentStatus: "no_payment_required" }, event)).toEqual({});
    expect(
      checkoutBilling(session({ mode: "setup", paymentStatus: "no_payment_required" }), event),
    ).toEqual({});
  });
});
