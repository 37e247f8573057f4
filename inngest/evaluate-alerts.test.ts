import { InngestTestEngine } from "@inngest/test";
import { beforeEach, describe, expect, it } from "vitest";
import { functions, inngestFunction } from "@/inngest/index";
import { RULE_KEYS } from "@/lib/alerts/default-rules";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";

const evaluateAlertsFn = inngestFunction("evaluate-alerts");

beforeEach(resetDatabase);

describe("evaluate-alerts (Inngest cron)", () => {
  it("is registered for the serve route", () => {
    expect(functions).toContain(evaluateAlertsFn);
  });

  it("seeds the default rules and raises the dead-task alert", async () => {
    const c = await db.customer.create({ data: { email: "cron@example.com" } });
    await db.syncTask.create({
      data: {
        customerId: c.id,
        target: "crm",
        action: "crm.upsert_contact",
        idempotencyKey: "crm:cron",
        status: "dead",
        correlationId: "seed",
      },
    });
    const { result } = await new InngestTestEngine({ function: evaluateAlertsFn }).execute();
    expect(result).toMatchObject({ fired: [expect.stringMatching(/:target:crm$/)] });
    expect(await db.alertRule.count()).toBe(RULE_KEYS.length);
    expect(await db.alert.findFirstOrThrow()).toMatchObject({
      state: "firing",
      scope: "target:crm",
    });
  });
});
