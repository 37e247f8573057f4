import {
  chargeObject,
  customerObject,
  disputeObject,
  eventOf,
  invoiceObject,
  subscriptionObject,
} from "@/fakes/stripe/objects";
import type { StripeEventPayload } from "@/fakes/stripe/events";

/**
 * The demo's people: each one a short, plausible history that ends in one of the states a
 * founder meets (paid, in trial, past due inside the grace period, blocked by a refund, a
 * dispute, a manual block or a grace period that ran out, recovered after a failed payment,
 * canceled, a lead who never paid, a CRM sync that needs a person). Stripe-shaped events
 * with provider times spread over the last six weeks, so charts have shape.
 */
export type DemoKind =
  | "paid"
  | "trial"
  | "past_due"
  | "grace_over"
  | "recovered"
  | "refunded"
  | "disputed"
  | "override_block"
  | "canceled"
  | "lead";

export type DemoPerson = {
  name: string;
  email: string;
  kind: DemoKind;
  /** Days ago the person first paid (or started the trial, or the checkout). */
  since: number;
  /** Days ago the renewal payment failed (past_due, grace_over, recovered). */
  failed?: number;
  /** Days ago the failed renewal was paid (recovered) or the charge refunded or disputed. */
  then?: number;
};

export const DEMO_PEOPLE: DemoPerson[] = [
  { name: "Amara Nwosu", email: "amara@nwosu-design.example", kind: "paid", since: 34 },
  { name: "Lucas Ferreira", email: "lucas.ferreira@example.com", kind: "paid", since: 27 },
  { name: "Mei Lin Zhou", email: "meilin@zhou.example", kind: "trial", since: 3 },
  // Past due inside the grace period: the story's first "needs a person" (send a payment link).
  {
    name: "Hana Okafor",
    email: "hana@okafor-studio.example",
    kind: "past_due",
    since: 31,
    failed: 1,
  },
  // Past due for longer than the grace period: blocked until the invoice is paid.
  {
    name: "Tomasz Wójcik",
    email: "tomasz.wojcik@example.net",
    kind: "grace_over",
    since: 35,
    failed: 5,
  },
  {
    name: "Sofia Marchetti",
    email: "sofia@marchetti.example",
    kind: "recovered",
    since: 49,
    failed: 19,
    then: 17,
  },
  { name: "Daniel Kim", email: "daniel.kim@example.org", kind: "refunded", since: 9, then: 2 },
  // Asked for a refund within the 14-day window: a pending approval (seed.ts).
  { name: "Priya Raman", email: "priya.raman@example.com", kind: "paid", since: 6 },
  {
    name: "Jonas Berg",
    email: "jonas@berg-analytics.example",
    kind: "disputed",
    since: 12,
    then: 1,
  },
  // Blocked by hand by an admin (seed.ts), with the reason a person would write.
  { name: "Aisha Diallo", email: "aisha.diallo@example.net", kind: "override_block", since: 20 },
  { name: "Mateo Ruiz", email: "mateo.ruiz@example.com", kind: "canceled", since: 38, then: 8 },
  { name: "Olivia Brennan", email: "olivia@brennan.example", kind: "lead", since: 2 },
  // Typed her email without the dot in Stripe: HubSpot refuses the contact, an exception to
  // fix in Stripe and retry.
  { name: "Noor Rahimi", email: "noor.rahimi@examplecom", kind: "paid", since: 4 },
  // Past due; staff asked to keep his access while his new card arrives (pending approval).
  { name: "Kwame Mensah", email: "kwame@mensah.example", kind: "past_due", since: 32, failed: 2 },
  {
    name: "Elena Petrova",
    email: "elena.petrova@example.org",
    kind: "recovered",
    since: 41,
    failed: 11,
    then: 9,
  },
  { name: "Ravi Shah", email: "ravi@shahworks.example", kind: "paid", since: 15 },
  { name: "Chloé Dubois", email: "chloe.dubois@example.com", kind: "paid", since: 22 },
  { name: "Yuki Tanaka", email: "yuki@tanaka-labs.example", kind: "trial", since: 9 },
  {
    name: "Samuel Adeyemi",
    email: "samuel.adeyemi@example.net",
    kind: "recovered",
    since: 35,
    failed: 5,
    then: 3,
  },
  { name: "Ingrid Larsen", email: "ingrid@larsen.example", kind: "canceled", since: 50, then: 20 },
  {
    name: "Marco Bianchi",
    email: "marco.bianchi@example.org",
    kind: "grace_over",
    since: 39,
    failed: 9,
  },
  { name: "Fatima Zahra Alaoui", email: "fatima@alaoui.example", kind: "paid", since: 3 },
  { name: "Leo Schneider", email: "leo.schneider@example.com", kind: "lead", since: 0.25 },
  { name: "Grace Mwangi", email: "grace@mwangi-consulting.example", kind: "paid", since: 40 },
];

const DAY = 86_400;
const MONTH = 30 * DAY;

/** The Stripe ids of person `i`: `cus_demo007`, `sub_demo007`, `ch_demo007`… */
export function demoIds(i: number) {
  const n = String(i).padStart(3, "0");
  return {
    customer: `cus_demo${n}`,
    subscription: `sub_demo${n}`,
    charge: `ch_demo${n}`,
    firstInvoice: `in_demo${n}a`,
    renewal: `in_demo${n}b`,
    renewalCharge: `ch_demo${n}b`,
    dispute: `dp_demo${n}`,
    event: (k: string) => `evt_demo${n}${k}`,
  };
}

/**
 * Person `i`'s webhooks in the order Stripe sends them, with provider times relative to
 * `now` (seconds). Every object an event names (charge, invoice, subscription) is sent
 * first, so refunds and disputes resolve without a Stripe key.
 */
export function demoEvents(p: DemoPerson, i: number, now: number): StripeEventPayload[] {
  const id = demoIds(i);
  const t0 = Math.round(now - p.since * DAY);
  let k = 0;
  const ev = (type: string, object: Record<string, unknown>, at: number) =>
    eventOf(type, object, Math.round(at), id.event(String(k++).padStart(2, "0")));
  const sub = (
    status: string,
    at: number,
    extra: Partial<Parameters<typeof subscriptionObject>[0]> = {},
  ) =>
    subscriptionObject({
      id: id.subscription,
      customer: id.customer,
      status,
      created: t0,
      periodEnd: t0 + MONTH * Math.max(1, Math.ceil((now - t0) / MONTH)),
      ...extra,
    });
  const invoice = (invoiceId: string, status: string, at: number) =>
    invoiceObject({
      id: invoiceId,
      customer: id.customer,
      status,
      subscription: id.subscription,
      email: p.email,
      created: at,
      nextAttempt: status === "open" ? at + 3 * DAY : null,
      paidAt: status === "paid" ? at : null,
    });
  const checkout = (paid: boolean) => ({
    id: `cs_demo${String(i).padStart(3, "0")}`,
    object: "checkout.session",
    mode: "subscription",
    customer: id.customer,
    customer_details: { email: p.email, name: p.name },
    payment_status: p.kind === "trial" ? "no_payment_required" : paid ? "paid" : "unpaid",
    status: "complete",
    subscription: paid || p.kind === "trial" ? id.subscription : null,
    amount_total: 4900,
    currency: "eur",
  });

  // Checkout carries the person's name and email; only a lead who never paid is also sent as
  // a Stripe customer (fewer events keep the demo's start fast).
  const events: StripeEventPayload[] = [];
  if (p.kind === "lead") {
    events.push(
      ev("customer.created", customerObject({ id: id.customer, email: p.email, name: p.name }), t0),
      ev("checkout.session.completed", checkout(false), t0 + 60),
    );
    return events;
  }
  if (p.kind === "trial") {
    const trialEnd = t0 + 14 * DAY;
    events.push(
      ev("checkout.session.completed", checkout(false), t0 + 60),
      ev(
        "customer.subscription.created",
        sub("trialing", t0, { trialStart: t0, trialEnd, periodEnd: trialEnd }),
        t0 + 60,
      ),
    );
    return events;
  }
  // Every paying person: checkout, subscription, the first charge and invoice.
  events.push(
    ev("checkout.session.completed", checkout(true), t0 + 60),
    ev("customer.subscription.created", sub("active", t0), t0 + 60),
    ev(
      "charge.succeeded",
      chargeObject({ id: id.charge, customer: id.customer, created: t0 + 60 }),
      t0 + 60,
    ),
    ev("invoice.paid", invoice(id.firstInvoice, "paid", t0 + 60), t0 + 60),
  );
  const renewalAt = t0 + MONTH;
  if (p.kind === "paid" && renewalAt < now) {
    events.push(ev("invoice.paid", invoice(id.renewal, "paid", renewalAt), renewalAt));
  }
  if (p.failed !== undefined) {
    const failedAt = now - p.failed * DAY;
    events.push(
      ev("invoice.payment_failed", invoice(id.renewal, "open", failedAt), failedAt),
      // Stripe moves the subscription to past_due with the failed renewal.
      ev("customer.subscription.updated", sub("past_due", failedAt), failedAt + 5),
    );
    if (p.kind === "recovered" && p.then !== undefined) {
      const paidAt = now - p.then * DAY;
      events.push(
        ev(
          "charge.succeeded",
          chargeObject({ id: id.renewalCharge, customer: id.customer, created: paidAt }),
          paidAt,
        ),
        ev("invoice.paid", invoice(id.renewal, "paid", paidAt), paidAt),
        ev("customer.subscription.updated", sub("active", paidAt), paidAt + 5),
      );
    }
  }
  const thenAt = now - (p.then ?? 0) * DAY;
  if (p.kind === "refunded") {
    events.push(
      ev(
        "charge.refunded",
        chargeObject({
          id: id.charge,
          customer: id.customer,
          amountRefunded: 4900,
          created: t0 + 60,
        }),
        thenAt,
      ),
    );
  }
  if (p.kind === "disputed") {
    events.push(
      ev(
        "charge.dispute.created",
        disputeObject({
          id: id.dispute,
          charge: id.charge,
          status: "needs_response",
          created: thenAt,
        }),
        thenAt,
      ),
    );
  }
  if (p.kind === "canceled") {
    events.push(
      ev(
        "customer.subscription.updated",
        sub("active", thenAt - DAY, { cancelAtPeriodEnd: true, periodEnd: thenAt }),
        thenAt - DAY,
      ),
      ev(
        "customer.subscription.deleted",
        sub("canceled", thenAt, { canceledAt: thenAt - DAY, endedAt: thenAt, periodEnd: thenAt }),
        thenAt,
      ),
    );
  }
  return events;
}
