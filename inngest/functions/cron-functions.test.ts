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
    const { result } = await new InngestTestEngine({ function: reevaluateAccessFn }).execute();
    expect(result).toEqual({ checked: 1, changed: 1 });
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
