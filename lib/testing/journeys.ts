import fc from "fast-check";
import type { FakeStripeApi } from "@/lib/testing/fakes/stripe-api";
import { checkoutSessionCompleted, type StripeEventPayload } from "@/lib/testing/stripe-events";
import {
  chargeObject,
  customerObject,
  disputeObject,
  eventOf,
  invoiceObject,
  subscriptionObject,
} from "@/lib/testing/stripe-objects";

/** Random customer journeys for the delivery-order property test, with Stripe's final state. */
const STEPS = [
  "fail",
  "pay",
  "cancel",
  "refundFull",
  "refundPartial",
  "dispute",
  "disputeWon",
  "rename",
  "verify",
  "tie",
] as const;
export type Journey = {
  start: "trialing" | "active" | "incomplete";
  steps: (typeof STEPS)[number][];
};

export const journeyArb: fc.Arbitrary<Journey> = fc.record({
  start: fc.constantFrom("trialing" as const, "active" as const, "incomplete" as const),
  steps: fc.array(fc.constantFrom(...STEPS), { maxLength: 6 }),
});

type Obj = Record<string, unknown>;
export type JourneyEvents = {
  events: StripeEventPayload[];
  finals: { collection: "subscriptions" | "customers" | "charges" | "invoices"; object: Obj }[];
};

/** The Stripe events one journey produces, in order, and the objects as Stripe holds them at the end. */
export function journeyEvents(i: number, j: Journey, t0: number): JourneyEvents {
  const cus = `cus_p${i}`;
  const email = `p${i}@example.com`;
  let t = t0;
  let k = 0;
  const events: StripeEventPayload[] = [];
  const finals = new Map<
    string,
    { collection: JourneyEvents["finals"][number]["collection"]; object: Obj }
  >();
  const emit = (
    type: string,
    collection: JourneyEvents["finals"][number]["collection"] | null,
    object: Obj,
    at = t,
  ) => {
    events.push(eventOf(type, object, at));
    if (collection) finals.set(`${collection}:${object.id}`, { collection, object });
  };
  let sub: Parameters<typeof subscriptionObject>[0] = {
    id: `sub_p${i}`,
    customer: cus,
    status: j.start,
    periodEnd: t0 + 30 * 86400,
    created: t0,
  };
  const setSub = (type: string, patch: Partial<typeof sub>, at = t) => {
    sub = { ...sub, ...patch };
    emit(type, "subscriptions", subscriptionObject(sub), at);
  };
  let open: string | null = null;
  let openDispute: Obj | null = null;

  if (j.start === "trialing") sub = { ...sub, trialStart: t0, trialEnd: t0 + 14 * 86400 };
  if (j.start !== "incomplete")
    events.push(
      checkoutSessionCompleted(
        { customer: cus, email, name: `P${i}` },
        {
          created: t,
          subscription: sub.id,
          paymentStatus: j.start === "active" ? "paid" : "no_payment_required",
        },
      ),
    );
  setSub("customer.subscription.created", {});
  if (j.start === "incomplete") {
    open = `in_p${i}_${k++}`;
    emit(
      "invoice.payment_failed",
      "invoices",
      invoiceObject({
        id: open,
        customer: cus,
        status: "open",
        subscription: sub.id,
        created: t,
        nextAttempt: t + 86400,
      }),
    );
  }
  for (const step of j.steps) {
    t += 600;
    const live = sub.status !== "canceled";
    if (step === "fail" && live && (sub.status === "active" || sub.status === "past_due")) {
      open = `in_p${i}_${k++}`;
      emit(
        "invoice.payment_failed",
        "invoices",
        invoiceObject({
          id: open,
          customer: cus,
          status: "open",
          subscription: sub.id,
          created: t,
          nextAttempt: t + 86400,
        }),
      );
      setSub("customer.subscription.updated", { status: "past_due" });
    } else if (step === "pay" && live) {
      const id: string = open ?? `in_p${i}_${k++}`;
      emit(
        "invoice.paid",
        "invoices",
        invoiceObject({
          id,
          customer: cus,
          status: "paid",
          subscription: sub.id,
          created: t - 1,
          paidAt: t,
        }),
      );
      open = null;
      setSub("customer.subscription.updated", { status: "active" });
    } else if (step === "cancel" && live) {
      setSub("customer.subscription.deleted", {
        status: "canceled",
        canceledAt: t,
        endedAt: t,
        periodEnd: t,
      });
    } else if (step === "refundFull" || step === "refundPartial") {
      const charge = chargeObject({
        id: `ch_p${i}_${k++}`,
        customer: cus,
        created: t - 1,
        amountRefunded: step === "refundFull" ? 4900 : 1000,
      });
      emit("charge.refunded", "charges", charge);
    } else if (step === "dispute") {
      const charge = chargeObject({ id: `ch_p${i}_${k++}`, customer: cus, created: t - 1 });
      finals.set(`charges:${charge.id}`, { collection: "charges", object: charge });
      openDispute = disputeObject({
        id: `dp_p${i}_${k++}`,
        charge: charge.id,
        status: "needs_response",
        created: t,
      });
      emit("charge.dispute.created", null, openDispute);
    } else if (step === "disputeWon" && openDispute) {
      emit("charge.dispute.closed", null, { ...openDispute, status: "won" });
      openDispute = null;
    } else if (step === "rename") {
      emit(
        "customer.updated",
        "customers",
        customerObject({ id: cus, email, name: `Renamed ${k++}` }),
      );
    } else if (step === "verify") {
      emit("identity.verification_session.verified", null, {
        id: `vs_p${i}_${k++}`,
        object: "identity.verification_session",
        status: "verified",
        related_customer: cus,
      });
    } else if (step === "tie" && live) {
      // Two updates in the same second: only Stripe knows which is current.
      setSub("customer.subscription.updated", { cancelAtPeriodEnd: false });
      setSub("customer.subscription.updated", { cancelAtPeriodEnd: true });
    }
  }
  return { events, finals: [...finals.values()] };
}

/** Puts every journey's final objects into the fake Stripe API. */
export function seedFakeStripe(api: FakeStripeApi, journeys: JourneyEvents[]): void {
  for (const j of journeys) for (const f of j.finals) api.put(f.collection, f.object);
}
