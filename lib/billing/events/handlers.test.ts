import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { isHandledStripeEvent } from "@/lib/billing/apply-stripe-event";
import { chargeDisputeCreated } from "./charge-dispute-created";
import { chargeRefunded } from "./charge-refunded";
import { checkoutSessionCompleted } from "./checkout-session-completed";
import { customerCreated } from "./customer-created";
import { customerDeleted } from "./customer-deleted";
import { customerSubscriptionPaused } from "./customer-subscription-paused";
import { customerSubscriptionResumed } from "./customer-subscription-resumed";
import { customerSubscriptionTrialWillEnd } from "./customer-subscription-trial-will-end";
import { identityVerificationSessionRequiresInput } from "./identity-verification-session-requires-input";
import { invoiceMarkedUncollectible } from "./invoice-marked-uncollectible";
import { invoicePaymentActionRequired } from "./invoice-payment-action-required";
import { invoicePaymentSucceeded } from "./invoice-payment-succeeded";
import { paymentIntentPaymentFailed } from "./payment-intent-payment-failed";
import { paymentIntentSucceeded } from "./payment-intent-succeeded";

const ev = (type: string, object: Record<string, unknown>) =>
  ({ id: "evt_1", type, created: 1_790_000_000, data: { object } }) as unknown as Stripe.Event;

describe("Stripe event handlers (pure: payload → effect)", () => {
  it("every handler skips a payload without an object id", () => {
    const handlers = [
      chargeDisputeCreated,
      chargeRefunded,
      customerCreated,
      customerSubscriptionPaused,
      invoicePaymentSucceeded,
    ];
    for (const h of handlers) expect(h(ev("x", {}))).toHaveProperty("skip");
  });

  it("reads older API shapes: period end on the subscription, plan, invoice.subscription", () => {
    const sub = customerSubscriptionResumed(
      ev("customer.subscription.resumed", {
        id: "sub_1",
        customer: { id: "cus_1" },
        status: "active",
        current_period_end: 1_790_086_400,
        plan: { id: "plan_old", nickname: null, lookup_key: null },
      }),
    );
    expect(sub).toMatchObject({
      customer: { stripeCustomerId: "cus_1" },
      subscription: {
        priceId: "plan_old",
        planName: null,
        currentPeriodEnd: new Date(1_790_086_400_000),
      },
    });
    const inv = invoicePaymentSucceeded(
      ev("invoice.payment_succeeded", {
        id: "in_1",
        customer: "cus_1",
        subscription: "sub_1",
        status: "paid",
      }),
    );
    expect(inv).toMatchObject({
      subscriptionRef: { id: "sub_1", fallback: null },
      invoice: { status: "paid", paidAt: new Date(1_790_000_000_000), failure: null },
    });
  });

  it("paused forces the paused status; trial_will_end keeps the payload's", () => {
    const obj = { id: "sub_2", customer: "cus_2", status: "active" };
    expect(customerSubscriptionPaused(ev("customer.subscription.paused", obj))).toMatchObject({
      subscription: { status: "paused" },
    });
    expect(
      customerSubscriptionTrialWillEnd(
        ev("customer.subscription.trial_will_end", { ...obj, status: "trialing" }),
      ),
    ).toMatchObject({ subscription: { status: "trialing" } });
    expect(customerSubscriptionPaused(ev("x", { id: "sub_3" }))).toMatchObject({
      subscription: { status: "paused", stripeCustomerId: null },
    });
  });

  it("invoice failures carry their kind", () => {
    const obj = { id: "in_2", customer: "cus_2" };
    expect(invoicePaymentActionRequired(ev("x", obj))).toMatchObject({
      invoice: { failure: "payment_action_required", status: "open" },
    });
    expect(invoiceMarkedUncollectible(ev("x", { ...obj, status: "uncollectible" }))).toMatchObject({
      invoice: { failure: "uncollectible" },
    });
  });

  it("customer.deleted marks the profile deleted; customer.created does not", () => {
    expect(customerDeleted(ev("customer.deleted", { id: "cus_3", deleted: true }))).toMatchObject({
      profile: { deleted: true },
    });
    expect(customerCreated(ev("customer.created", { id: "cus_3", email: "a@b.c" }))).toMatchObject({
      profile: { deleted: false, email: "a@b.c" },
    });
  });

  it("payment intents link a customer by id or receipt email, else skip", () => {
    expect(paymentIntentSucceeded(ev("x", { id: "pi_1", customer: "cus_4" }))).toEqual({
      customer: { stripeCustomerId: "cus_4", email: null, name: null },
    });
    expect(
      paymentIntentPaymentFailed(ev("x", { id: "pi_2", receipt_email: "r@e.c" })),
    ).toMatchObject({
      customer: { email: "r@e.c" },
    });
    expect(paymentIntentPaymentFailed(ev("x", { id: "pi_3" }))).toHaveProperty("skip");
  });

  it("charge.refunded reads billing details; missing amounts count as zero", () => {
    expect(
      chargeRefunded(
        ev("x", { id: "ch_1", customer: null, billing_details: { email: "b@d.e", name: "B" } }),
      ),
    ).toMatchObject({
      customer: { email: "b@d.e", name: "B" },
      charge: { amount: 0, amountRefunded: 0 },
    });
  });

  it("identity sessions find the customer through related_customer or metadata, else skip", () => {
    expect(
      identityVerificationSessionRequiresInput(
        ev("x", {
          id: "vs_1",
          metadata: { customer_id: "cus_5" },
          provided_details: { email: "v@e.c" },
        }),
      ),
    ).toMatchObject({
      customer: { stripeCustomerId: "cus_5", email: "v@e.c" },
      identity: { status: "requires_input" },
    });
    expect(
      identityVerificationSessionRequiresInput(
        ev("x", { id: "vs_2", metadata: { email: "m@e.c" } }),
      ),
    ).toMatchObject({ customer: { email: "m@e.c" } });
    expect(identityVerificationSessionRequiresInput(ev("x", { id: "vs_3" }))).toHaveProperty(
      "skip",
    );
  });

  it("checkout: unpaid waits; no-payment-required trials; one-off payments count as a paid invoice", () => {
    const base = { id: "cs_1", customer: "cus_6", customer_email: "c@e.f", mode: "subscription" };
    expect(checkoutSessionCompleted(ev("x", { ...base, payment_status: "unpaid" }))).toHaveProperty(
      "skip",
    );
    expect(
      checkoutSessionCompleted(
        ev("x", { ...base, payment_status: "no_payment_required", subscription: "sub_6" }),
      ),
    ).toMatchObject({
      customer: { email: "c@e.f" },
      subscriptionRef: {
        id: "sub_6",
        fallback: { status: "trialing", trialStart: new Date(1_790_000_000_000) },
      },
    });
    expect(
      checkoutSessionCompleted(
        ev("x", {
          ...base,
          mode: "payment",
          payment_status: "paid",
          invoice: "in_6",
          amount_total: 900,
          currency: "eur",
        }),
      ),
    ).toMatchObject({ invoice: { stripeInvoiceId: "in_6", status: "paid", amountDue: 900 } });
    expect(
      checkoutSessionCompleted(
        ev("x", { id: "cs_2", customer: null, mode: "payment", payment_status: "paid" }),
      ),
    ).toMatchObject({
      invoice: { stripeInvoiceId: "checkout:cs_2", amountDue: null, currency: null },
    });
  });

  it("knows which event types it handles", () => {
    expect(isHandledStripeEvent("invoice.paid")).toBe(true);
    expect(isHandledStripeEvent("product.created")).toBe(false);
    expect(isHandledStripeEvent("toString")).toBe(false);
  });
});
