import fc from "fast-check";
import { expect } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/lib/testing/db";
import { deliver } from "@/lib/testing/deliver";
import { journeyArb, journeyEvents, type JourneyEvents } from "@/lib/testing/journeys";
import type { StripeEventPayload } from "@/lib/testing/stripe-events";

/** Everything that must not depend on delivery order: billing, access and reasons. */
async function snapshot() {
  const customers = await db.customer.findMany({
    orderBy: { stripeCustomerId: "asc" },
    include: {
      subscriptions: { orderBy: { stripeSubscriptionId: "asc" } },
      invoices: { orderBy: { stripeInvoiceId: "asc" } },
      charges: { orderBy: { stripeChargeId: "asc" } },
      disputes: { orderBy: { stripeDisputeId: "asc" } },
    },
  });
  return customers.map((c) => ({
    stripeCustomerId: c.stripeCustomerId,
    email: c.email,
    name: c.name,
    billingStatus: c.billingStatus,
    accessStatus: c.accessStatus,
    accessReasons: c.accessReasons,
    accessReevaluateAt: c.accessReevaluateAt,
    identityStatus: c.identityStatus,
    lastInvoice: [c.lastInvoiceStatus, c.lastInvoiceAmountDue],
    subscriptions: c.subscriptions.map(
      ({ id: _i, customerId: _c, stripeEventAt: _e, createdAt: _a, updatedAt: _u, ...s }) => s,
    ),
    invoices: c.invoices.map((i) => [
      i.stripeInvoiceId,
      i.status,
      i.amountDue,
      i.firstFailedAt,
      i.paidAt,
    ]),
    charges: c.charges.map((ch) => [ch.stripeChargeId, ch.amount, ch.amountRefunded]),
    disputes: c.disputes.map((d) => [d.stripeDisputeId, d.status]),
  }));
}

async function run(events: StripeEventPayload[]) {
  await resetDatabase();
  for (const e of events) await deliver(e);
  return snapshot();
}

/**
 * The delivery-order property: random journeys of up to three customers, delivered in any
 * order with duplicates, end in exactly the state of in-order delivery. `beforeEach` can
 * seed a fake Stripe API with the journeys' final objects.
 */
export async function assertDeliveryOrderIndependence(opts: {
  numRuns: number;
  beforeEach?: (journeys: JourneyEvents[]) => void;
}): Promise<void> {
  const t0 = Math.floor(Date.now() / 1000) - 86400;
  await fc.assert(
    fc.asyncProperty(
      fc.array(journeyArb, { minLength: 1, maxLength: 3 }).chain((journeys) => {
        const all = journeys.map((j, i) => journeyEvents(i, j, t0));
        const inOrder = all.flatMap((j) => j.events);
        const withDuplicates = fc
          .array(fc.nat(inOrder.length - 1), { maxLength: 4 })
          .map((dups) => [...inOrder, ...dups.map((d) => inOrder[d])]);
        return fc.record({
          all: fc.constant(all),
          inOrder: fc.constant(inOrder),
          delivered: withDuplicates.chain((list) =>
            fc.shuffledSubarray(list, { minLength: list.length }),
          ),
        });
      }),
      async ({ all, inOrder, delivered }) => {
        opts.beforeEach?.(all);
        const expected = await run(inOrder);
        expect(await run(delivered)).toEqual(expected);
      },
    ),
    { numRuns: opts.numRuns, seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined },
  );
}
