import { InngestTestEngine } from "@inngest/test";
import { beforeEach, describe, expect, it } from "vitest";
import { functions } from "@/inngest/index";
import { db } from "@/lib/db";
import { resetDatabase } from "@/lib/testing/db";
import { checkBillingDriftFn } from "./check-billing-drift";
import { reevaluateAccessFn } from "./reevaluate-access";

beforeEach(resetDatabase);

describe("scheduled Inngest functions", () => {
  it("are registered for the serve route", () => {
    expect(functions).toEqual(expect.arrayContaining([reevaluateAccessFn, checkBillingDriftFn]));
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

  it("check-billing-drift does nothing without a Stripe key", async () => {
    const { result } = await new InngestTestEngine({ function: checkBillingDriftFn }).execute();
    expect(result).toEqual({ ran: false });
  });
});
