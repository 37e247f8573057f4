import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/lib/testing/db";
import { inProcessExecutor, sweepOnce } from "./dispatch";

beforeEach(resetDatabase);

describe("the in-process maintenance sweep", () => {
  it("re-evaluates access that the clock has changed", async () => {
    await db.customer.create({
      data: { email: "sweep@example.com", accessStatus: "active", accessReevaluateAt: new Date(0) },
    });
    await sweepOnce(0);
    await inProcessExecutor().idle();
    const c = await db.customer.findFirstOrThrow();
    expect(c).toMatchObject({ accessStatus: "lead", accessReevaluateAt: null });
    expect(await db.accessTransition.findFirstOrThrow()).toMatchObject({
      from: "active",
      to: "lead",
      actor: "system:clock",
    });
  });
});
