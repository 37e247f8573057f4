import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DAY, PERIOD } from "@/test/stripe-model/objects";
import {
  runOne,
  startModelEnv,
  stopModelEnv,
  type Mode,
  type ModelEnv,
  type RunOptions,
} from "@/test/stripe-model/run-model";
import { scriptedScenario } from "@/test/stripe-model/scenario";

/**
 * Defects the model-based test found, each as a small hand-picked scenario played against
 * the Stripe model (test/stripe-model) and delivered through the real ingest path.
 * Each names the one thing that must hold.
 */
let env: ModelEnv;
beforeAll(async () => {
  env = await startModelEnv();
}, 60_000);
afterAll(() => stopModelEnv(env));

const HOUR = 3600;

async function play(opts: RunOptions) {
  const run = await runOne(env, opts);
  const record = (c: number) =>
    db.customer.findUniqueOrThrow({
      where: { stripeCustomerId: `cus_${run.scenario.tag}_c${c}` },
    });
  return { run, record };
}

describe("regressions found by the model of Stripe", () => {
  it("with Stripe's clock 2 h behind, a subscription canceled in Stripe ends access and a failed renewal shows past_due", async () => {
    // c0 cancels at period end and the period ends; c1's card fails at renewal. Events of
    // one operation arrive newest first (Stripe does not guarantee order), so
    // checkout.session.completed comes before customer.subscription.created.
    const scenario = scriptedScenario(
      9001,
      [{}, {}],
      [
        { c: 0, gap: 0, kind: "checkout-paid" },
        { c: 1, gap: 60, kind: "checkout-paid" },
        { c: 0, gap: HOUR, kind: "cancel-at-period-end" },
        { c: 1, gap: 60, kind: "card-fails" },
        { c: 0, gap: PERIOD + 2 * HOUR - HOUR - 120, kind: "wait" },
      ],
    );
    const { run, record } = await play({
      seed: 9001,
      mode: "key",
      skew: -2 * HOUR,
      scenario,
      delivery: "newest-first",
    });
    const canceled = await record(0);
    const renewed = await record(1);
    expect(canceled.accessStatus, run.diff.join("\n")).not.toBe("active");
    expect(renewed.billingStatus, run.diff.join("\n")).toBe("past_due");
  });

  for (const mode of ["key", "no-key"] as Mode[]) {
    it(`a failed invoice the merchant voids leaves the customer active, not past_due (${mode})`, async () => {
      // Renewal fails (past_due); the merchant voids the invoice: Stripe determines the
      // status from the latest non-void invoice, which is paid, so the subscription is active.
      const scenario = scriptedScenario(
        9002,
        [{}],
        [
          { c: 0, gap: 0, kind: "checkout-paid" },
          { c: 0, gap: HOUR, kind: "card-fails" },
          { c: 0, gap: PERIOD + 2 * HOUR - HOUR, kind: "wait" },
          { c: 0, gap: HOUR, kind: "void-invoice" },
        ],
      );
      const { run, record } = await play({
        seed: 9002,
        mode,
        skew: 0,
        scenario,
        delivery: "in-order",
      });
      const c = await record(0);
      expect(["past_due", "blocked"], run.diff.join("\n")).not.toContain(c.accessStatus);
      expect(c.billingStatus, run.diff.join("\n")).toBe("active");
    });

    it(`a setup-mode Checkout (no payment) grants no access, no welcome email and no "active" app webhook (${mode})`, async () => {
      const scenario = scriptedScenario(
        9003,
        [{}],
        [
          { c: 0, gap: 0, kind: "checkout-setup" },
          { c: 0, gap: DAY, kind: "wait" },
        ],
      );
      const { run, record } = await play({
        seed: 9003,
        mode,
        skew: 0,
        scenario,
        delivery: "in-order",
      });
      const c = await record(0);
      expect(c.accessStatus, run.diff.join("\n")).not.toBe("active");
      expect(env.se.welcomeMails(c.id)).toHaveLength(0);
      const granted = env.se
        .appWebhooks(c.id)
        .filter((w) => (w.payload as { data: { to: string } }).data.to === "active");
      expect(granted).toHaveLength(0);
    });
  }
});
