import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeStripeApi } from "@/fakes/stripe/api";
import { applyOp, type Op } from "./apply-op";
import { DAY, PERIOD } from "./objects";
import { generateScenario, newModelFor, scriptedScenario, type Scenario } from "./scenario";
import type { Obj } from "./types";
import { eventsView, truthView } from "./views";

/** The Stripe model on its own: the events and objects it produces, without the engine. */
const T0 = 1_790_000_000;
const HOUR = 3600;

function play(s: Scenario, api: FakeStripeApi | null = null) {
  const m = newModelFor(s, T0, api);
  s.ops.forEach((op, i) => applyOp(m, op, i));
  return m;
}
const script = (ops: Op[], settings?: Scenario["settings"]) =>
  scriptedScenario(1, [{}], ops, settings);
const types = (m: ReturnType<typeof play>, op?: number) =>
  m.emitted.filter((e) => op === undefined || e.op === op).map((e) => e.event.type);

let api: FakeStripeApi;
beforeAll(async () => {
  api = await FakeStripeApi.start();
});
afterAll(() => api.stop());

describe("the Stripe model", () => {
  it("a subscription Checkout: card charged, then an active subscription with a paid invoice, all in one second (clover shapes)", () => {
    const m = play(script([{ c: 0, gap: 0, kind: "checkout-paid" }]));
    expect(types(m)).toEqual([
      "customer.created",
      "payment_method.attached",
      "customer.updated",
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.succeeded",
      "customer.subscription.created",
      "invoice.created",
      "invoice.finalized",
      "invoice.paid",
      "invoice.payment_succeeded",
      "checkout.session.completed",
    ]);
    expect(new Set(m.emitted.map((e) => e.event.created))).toEqual(new Set([T0]));
    const [sub] = m.list("subscriptions");
    expect(sub).toMatchObject({
      status: "active",
      items: { data: [{ current_period_end: T0 + PERIOD }] },
    });
    const paid = m.emitted.find((e) => e.event.type === "invoice.paid")!.event.data.object;
    expect(paid).toMatchObject({
      status: "paid",
      amount_paid: 4900,
      attempt_count: 1,
      parent: { subscription_details: { subscription: sub.id } },
      status_transitions: { paid_at: T0, finalized_at: T0 },
    });
    expect(paid).not.toHaveProperty("payments");
    expect(m.list("checkout_sessions")[0]).toMatchObject({
      payment_status: "paid",
      subscription: sub.id,
    });
    expect(m.list("charges")[0]).not.toHaveProperty("invoice");
  });

  it("a declined renewal: invoice drafted at period end, attempted an hour later, past_due with previous_attributes", () => {
    const m = play(
      script([
        { c: 0, gap: 0, kind: "checkout-paid" },
        { c: 0, gap: HOUR, kind: "card-fails" },
        { c: 0, gap: PERIOD, kind: "wait" },
      ]),
    );
    const renewal = m.emitted
      .filter((e) => e.op === 2)
      .map((e) => [e.event.created - T0, e.event.type]);
    expect(renewal).toEqual([
      [PERIOD - 3 * DAY, "invoice.upcoming"],
      [PERIOD, "invoice.created"],
      [PERIOD, "customer.subscription.updated"],
      [PERIOD + HOUR, "invoice.finalized"],
      [PERIOD + HOUR, "payment_intent.created"],
      [PERIOD + HOUR, "charge.failed"],
      [PERIOD + HOUR, "payment_intent.payment_failed"],
      [PERIOD + HOUR, "invoice.payment_failed"],
      [PERIOD + HOUR, "customer.subscription.updated"],
    ]);
    const failed = m.emitted.find((e) => e.event.type === "invoice.payment_failed")!.event;
    expect(failed.data.object).toMatchObject({ status: "open", attempt_count: 1, attempted: true });
    expect(Number(failed.data.object.next_payment_attempt)).toBeGreaterThan(failed.created);
    expect(m.emitted.at(-1)!.event.data.previous_attributes).toEqual({ status: "active" });
    expect(m.slots[0].firstFailedAt).toEqual({
      [String(failed.data.object.id)]: T0 + PERIOD + HOUR,
    });
  });

  it("retries exhausted follow the account's settings: cancel the subscription, invoice uncollectible", () => {
    const m = play(
      script(
        [
          { c: 0, gap: 0, kind: "checkout-paid" },
          { c: 0, gap: HOUR, kind: "card-fails" },
          { c: 0, gap: PERIOD + 20 * DAY, kind: "wait" },
        ],
        { maxAttempts: 2, onExhausted: "cancel", markUncollectibleOnExhausted: true },
      ),
    );
    expect(m.list("subscriptions")[0]).toMatchObject({
      status: "canceled",
      cancellation_details: { reason: "payment_failed" },
    });
    expect(m.list("invoices").at(-1)).toMatchObject({
      status: "uncollectible",
      attempt_count: 2,
      next_payment_attempt: null,
    });
    expect(types(m, 2)).toContain("invoice.marked_uncollectible");
  });

  it("voiding a past_due subscription's failed invoice makes it active again; the fake API answers the current objects", () => {
    api.reset();
    const m = play(
      script([
        { c: 0, gap: 0, kind: "checkout-paid" },
        { c: 0, gap: HOUR, kind: "card-fails" },
        { c: 0, gap: PERIOD + HOUR, kind: "wait" },
        { c: 0, gap: HOUR, kind: "void-invoice" },
      ]),
      api,
    );
    expect(types(m, 3)).toEqual([
      "invoice.voided",
      "invoice.updated",
      "customer.subscription.updated",
    ]);
    const sub = m.list("subscriptions")[0];
    const pastDue = m.emitted.find(
      (e) =>
        e.event.type === "customer.subscription.updated" &&
        e.event.data.object.status === "past_due",
    )!;
    // The event keeps its snapshot; Stripe's API (the fake) has moved on.
    expect(api.state.subscriptions.get(String(sub.id))).toMatchObject({ status: "active" });
    expect(pastDue.event.data.object.status).toBe("past_due");
    const paid = m.list("invoices").find((i) => i.status === "paid") as Obj;
    expect(api.state.invoices.get(String(paid.id))).toHaveProperty("payments");
  });

  it("an incomplete first payment expires after 23 hours, and its invoice is voided", () => {
    const m = play(
      script([
        { c: 0, gap: 0, kind: "signup-incomplete" },
        { c: 0, gap: DAY, kind: "wait" },
      ]),
    );
    expect(types(m, 0)).toContain("invoice.payment_failed");
    expect(
      m.emitted.filter((e) => e.op === 1).map((e) => [e.event.created - T0, e.event.type]),
    ).toEqual([
      [23 * HOUR, "customer.subscription.updated"],
      [23 * HOUR, "invoice.voided"],
    ]);
    expect(m.list("subscriptions")[0].status).toBe("incomplete_expired");
  });

  it("a trial without a card pauses at its end; resuming pays a new invoice", () => {
    const m = play(
      script([
        { c: 0, gap: 0, kind: "checkout-trial-nopm" },
        { c: 0, gap: 8 * DAY, kind: "wait" },
        { c: 0, gap: HOUR, kind: "resume" },
      ]),
    );
    expect(types(m, 1)).toEqual([
      "customer.subscription.trial_will_end",
      "customer.subscription.updated",
      "customer.subscription.paused",
    ]);
    expect(types(m, 2).slice(-2)).toEqual([
      "customer.subscription.updated",
      "customer.subscription.resumed",
    ]);
    expect(m.slots[0].paidNonZero).toBe(true);
  });

  it("a setup-mode Checkout saves a card and pays nothing", () => {
    const m = play(script([{ c: 0, gap: 0, kind: "checkout-setup" }]));
    expect(m.list("checkout_sessions")[0]).toMatchObject({
      mode: "setup",
      payment_status: "no_payment_required",
      subscription: null,
      invoice: null,
    });
    expect(m.list("subscriptions")).toEqual([]);
    expect(m.slots[0].paidNonZero).toBe(false);
  });

  it("without a key, the latest created decides; same-second states go by the documented rank, or stay ambiguous", () => {
    const m = play(
      script([
        { c: 0, gap: 0, kind: "checkout-paid" },
        { c: 0, gap: HOUR, kind: "cancel-at-period-end" },
        { c: 0, gap: 0, kind: "undo-cancel" },
      ]),
    );
    const slot = m.slots[0];
    const { view, ambiguous } = eventsView(m, slot);
    // invoice.created (draft), .finalized (open) and .paid share one second: paid ranks highest.
    expect(view.invoices.map((i) => i.status)).toEqual(["paid"]);
    // Canceling and undoing in the same second: both are `active`, only Stripe knows which is last.
    expect(ambiguous).toHaveLength(1);
    expect(ambiguous[0].candidates.map((c) => c.cancel_at_period_end).sort()).toEqual([
      false,
      true,
    ]);
    expect(truthView(m, slot).subscriptions[0].cancel_at_period_end).toBe(false);
  });

  it("scenarios are valid and deterministic: the same seed gives the same operations and events", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const s = generateScenario(seed);
      const a = play(s);
      const b = play(generateScenario(seed));
      expect(b.emitted.map((e) => e.event)).toEqual(a.emitted.map((e) => e.event));
      expect(s.ops.filter((o) => o.c === 0).length).toBeGreaterThanOrEqual(2);
    }
  });
});
