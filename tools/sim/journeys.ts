import { randomUUID } from "node:crypto";
import {
  chargeObject,
  customerObject,
  disputeObject,
  eventOf,
  identitySessionObject,
  invoiceObject,
  subscriptionObject,
} from "@/fakes/stripe/objects";

export const JOURNEY_KINDS = [
  "lead",
  "trial",
  "paid",
  "failed_then_recovered",
  "refund",
  "dispute",
  "cancellation",
  "identity_verified",
] as const;
export type JourneyKind = (typeof JOURNEY_KINDS)[number];

let hubspotSeq = 0;
/** HubSpot event ids are integers below 2^53: seconds since the epoch, then a counter. */
const nextHubspotEventId = () => Math.floor(Date.now() / 1000) * 100_000 + (hubspotSeq++ % 100_000);

/** One webhook a provider would send, before signing. */
export type Delivery =
  | { source: "stripe"; body: Record<string, unknown> }
  | { source: "hubspot"; body: Record<string, unknown>[] }
  | { source: "app"; id: string; body: Record<string, unknown> };

/**
 * The webhooks of one realistic customer journey, in the order the providers send them
 * (Stripe event times one minute apart). `n` makes ids and emails unique per run.
 */
export function journeyDeliveries(
  kind: JourneyKind,
  n: string,
  t0 = Math.floor(Date.now() / 1000) - 3600,
): Delivery[] {
  const cus = `cus_sim${n}`;
  const sub = `sub_sim${n}`;
  const email = `sim${n}@example.com`;
  const name = `Sim Customer ${n}`;
  const at = (m: number) => t0 + m * 60;
  const stripe = (type: string, object: Record<string, unknown>, minute: number): Delivery => ({
    source: "stripe",
    body: eventOf(type, object, at(minute)),
  });
  const created = stripe("customer.created", customerObject({ id: cus, email, name }), 0);
  const subscription = (
    status: string,
    minute: number,
    extra: Partial<Parameters<typeof subscriptionObject>[0]> = {},
  ) =>
    stripe(
      `customer.subscription.${minute === 1 ? "created" : "updated"}`,
      subscriptionObject({
        id: sub,
        customer: cus,
        status,
        created: at(1),
        periodEnd: at(1) + 30 * 86_400,
        ...extra,
      }),
      minute,
    );
  const invoice = (id: string, status: string, type: string, minute: number) =>
    stripe(
      type,
      invoiceObject({
        id,
        customer: cus,
        status,
        subscription: sub,
        email,
        created: at(minute),
        nextAttempt: status === "open" ? at(minute) + 3 * 86_400 : null,
        paidAt: status === "paid" ? at(minute) : null,
      }),
      minute,
    );
  const charge = `ch_sim${n}`;
  // Stripe sends charge.succeeded with every payment: a later dispute names only this charge.
  const paid = [
    created,
    subscription("active", 1),
    stripe("charge.succeeded", chargeObject({ id: charge, customer: cus, created: at(2) }), 2),
    invoice(`in_sim${n}a`, "paid", "invoice.paid", 2),
  ];

  switch (kind) {
    case "lead":
      return [
        {
          source: "app",
          id: `msg_${randomUUID()}`,
          body: {
            type: "user.signed_up",
            timestamp: new Date(at(0) * 1000).toISOString(),
            data: { userId: `fb_sim${n}`, email, name },
          },
        },
        {
          source: "hubspot",
          body: [
            {
              eventId: nextHubspotEventId(),
              subscriptionId: 1,
              portalId: 1,
              appId: 1,
              occurredAt: at(1) * 1000,
              subscriptionType: "contact.propertyChange",
              attemptNumber: 0,
              objectId: 100000 + Number(n.replace(/\D/g, "").slice(-6) || 0),
              propertyName: "email",
              propertyValue: email,
              changeSource: "CRM",
            },
          ],
        },
      ];
    case "trial":
      return [
        created,
        subscription("trialing", 1, { trialStart: at(1), trialEnd: at(1) + 14 * 86_400 }),
      ];
    case "paid":
      return paid;
    case "failed_then_recovered":
      return [
        ...paid,
        invoice(`in_sim${n}b`, "open", "invoice.payment_failed", 3),
        subscription("past_due", 4),
        invoice(`in_sim${n}b`, "paid", "invoice.paid", 5),
        subscription("active", 6),
      ];
    case "refund":
      return [
        ...paid,
        stripe(
          "charge.refunded",
          chargeObject({ id: charge, customer: cus, amountRefunded: 4900, created: at(2) }),
          3,
        ),
      ];
    case "dispute":
      return [
        ...paid,
        stripe(
          "charge.dispute.created",
          disputeObject({ id: `dp_sim${n}`, charge, status: "needs_response", created: at(3) }),
          3,
        ),
      ];
    case "cancellation":
      // Canceled at period end: the paid period is over when Stripe deletes the subscription.
      return [
        ...paid,
        subscription("active", 3, { cancelAtPeriodEnd: true }),
        subscription("canceled", 4, { canceledAt: at(3), endedAt: at(4), periodEnd: at(4) }),
      ];
    case "identity_verified":
      return [
        ...paid,
        stripe(
          "identity.verification_session.verified",
          identitySessionObject({ customer: cus, status: "verified" }),
          3,
        ),
      ];
  }
}
