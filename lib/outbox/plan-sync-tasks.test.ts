import { describe, expect, it } from "vitest";
import { planSyncTasks, type StateChange } from "./plan-sync-tasks";

const cause = { causeKey: "led_1", correlationId: "corr" };
const change = (
  before: StateChange["before"],
  after: Partial<StateChange["after"]>,
  extra: Partial<StateChange["cause"]> = {},
): StateChange => ({
  customerId: "cus",
  before,
  after: {
    accessStatus: "active",
    billingStatus: "active",
    reasons: [],
    since: "2026-11-03T10:00:00.000Z",
    ...after,
  },
  cause: { ...cause, ...extra },
});
const actions = (c: StateChange) => planSyncTasks(c).map((s) => s.action);

describe("planSyncTasks", () => {
  it("first activation: CRM, app webhook and the welcome email keyed once per customer", () => {
    const specs = planSyncTasks(change(null, {}));
    expect(specs.map((s) => s.idempotencyKey)).toEqual([
      "crm:cus:led_1",
      "app-access:cus:led_1",
      "welcome-email:cus",
    ]);
  });

  it("a failed payment plans dunning and a ticket per invoice, never a welcome email", () => {
    const failedInvoice = { id: "in_1", amountDue: 4900, currency: "eur", nextAttemptAt: null };
    const c = change(
      { accessStatus: "active", billingStatus: "active" },
      { accessStatus: "past_due", billingStatus: "past_due" },
      { failedInvoice },
    );
    expect(actions(c)).toEqual([
      "crm.upsert_contact",
      "app.access_changed",
      "email.dunning",
      "support.open_ticket",
    ]);
    expect(planSyncTasks(c).map((s) => s.idempotencyKey)).toContain("ticket:payment-failed:in_1");
    expect(actions(c)).not.toContain("email.welcome");
  });

  it("no change in billing or access plans nothing", () => {
    expect(planSyncTasks(change({ accessStatus: "active", billingStatus: "active" }, {}))).toEqual(
      [],
    );
  });

  it("a dispute and a block each open a ticket", () => {
    const c = change(
      { accessStatus: "active", billingStatus: "active" },
      { accessStatus: "blocked" },
      { disputeId: "dp_1" },
    );
    const keys = planSyncTasks(c).map((s) => s.idempotencyKey);
    expect(keys).toContain("ticket:dispute:dp_1");
    expect(keys).toContain("ticket:blocked:cus:2026-11-03T10:00:00.000Z");
  });
});
