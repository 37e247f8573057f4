import { InngestTestEngine } from "@inngest/test";
import { beforeEach, describe, expect, it } from "vitest";
import { functions, inngestFunction } from "@/inngest/index";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { recordStripe } from "@/dev/deliver";
import { withFakeInngest } from "@/fakes/inngest-events";
import { invoicePaid } from "@/fakes/stripe/events";

const reevaluateAccessFn = inngestFunction("reevaluate-access");
const checkBillingDriftFn = inngestFunction("check-billing-drift");
const reconcileFn = inngestFunction("reconcile-sync-tasks");

const fakeInngest = withFakeInngest();
beforeEach(resetDatabase);

describe("scheduled Inngest functions", () => {
  it("are registered for the serve route", () => {
    expect(functions).toEqual(
      expect.arrayContaining([reevaluateAccessFn, checkBillingDriftFn, reconcileFn]),
    );
  });

  it("reevaluate-access re-evaluates customers whose access is due", async () => {
    await db.customer.create({
      data: { email: "due@example.com", accessStatus: "active", accessReevaluateAt: new Date(0) },
    });
    const { result, ctx } = await new InngestTestEngine({ function: reevaluateAccessFn }).execute({
      steps: [{ id: "enqueue-sync-tasks", handler: () => ({ ids: [] }) }],
    });
    expect(result).toEqual({ checked: 1, changed: 1 });
    // active → lead: the CRM and the product app hear of it through run-sync-task.
    const tasks = await db.syncTask.findMany({ select: { id: true, action: true } });
    expect(tasks.map((t) => t.action).sort()).toEqual(["app.access_changed", "crm.upsert_contact"]);
    const sendEvent = ctx.step.sendEvent as unknown as {
      mock: { calls: [string, { id: string }[]][] };
    };
    expect(sendEvent.mock.calls[0][1].map((e) => e.id).sort()).toEqual(
      tasks.map((t) => t.id).sort(),
    );
    expect(await db.customer.findFirstOrThrow()).toMatchObject({
      accessStatus: "lead",
      accessReevaluateAt: null,
    });
  });

  it("reevaluate-access sends no events when no customer's access changed", async () => {
    await db.customer.create({
      data: { email: "later@example.com", accessStatus: "active", accessReevaluateAt: null },
    });
    const { result, ctx } = await new InngestTestEngine({ function: reevaluateAccessFn }).execute();
    expect(result).toEqual({ checked: 0, changed: 0 });
    expect(ctx.step.sendEvent).not.toHaveBeenCalled();
    expect(await db.syncTask.count()).toBe(0);
  });

  it("reconcile re-sends to Inngest ledger rows whose hand-off was lost and overdue sync tasks", async () => {
    const lost = await recordStripe(
      invoicePaid({ customer: "cus_lost", email: "lost@example.com" }),
    );
    const fresh = await recordStripe(
      invoicePaid({ customer: "cus_new", email: "new@example.com" }),
    );
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await db.ledgerEvent.update({ where: { id: lost }, data: { receivedAt: twoMinutesAgo } });
    const customer = await db.customer.create({ data: { email: "task@example.com" } });
    const overdue = await db.syncTask.create({
      data: {
        customerId: customer.id,
        target: "crm",
        action: "crm.upsert_contact",
        idempotencyKey: "crm:overdue",
        correlationId: "corr-overdue",
        status: "failed",
        attempts: 2,
        nextAttemptAt: twoMinutesAgo,
      },
    });
    // due, but within the grace period a running retry may still pick it up
    await db.syncTask.create({
      data: {
        customerId: customer.id,
        target: "app",
        action: "app.access_changed",
        idempotencyKey: "app:due-now",
        correlationId: "corr-due",
      },
    });

    const { result } = await new InngestTestEngine({ function: reconcileFn }).execute();
    expect(result).toBe(2);
    expect(fakeInngest.api().events).toEqual([
      expect.objectContaining({
        id: lost,
        name: "ledger/event.received",
        // The Stripe customer the event names: one customer's events run one at a time.
        data: { ledgerEventId: lost, orderingKey: "stripe:cus_lost" },
      }),
      expect.objectContaining({
        id: `${overdue.id}:reconcile-2`,
        name: "sync/task.created",
        data: { taskId: overdue.id, customerId: customer.id },
      }),
    ]);
    expect(fakeInngest.api().events.map((e) => e.id)).not.toContain(fresh);
  });

  it("check-billing-drift does nothing without a Stripe key", async () => {
    const { result } = await new InngestTestEngine({ function: checkBillingDriftFn }).execute();
    expect(result).toEqual({ ran: false });
  });
});
