import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { inProcessExecutor } from "@/lib/jobs/dispatch";
import { resetDatabase } from "@/test/db";
import { withFakeStripe } from "@/test/fake-stripe-env";
import { customerObject } from "@/fakes/stripe/objects";
import { checkDrift } from "../reconcile/check-drift";
import { requestDriftCheck, requestStripeImport } from "./request-billing-sync";

const fake = withFakeStripe();
beforeEach(resetDatabase);

function seed(n: number) {
  for (let i = 0; i < n; i++)
    fake.api().put("customers", customerObject({ id: `cus_rq${i}`, email: `rq${i}@example.com` }));
}

describe("import and drift check started from the page run as jobs", () => {
  it("an import request shows a queued row at once, which the job runs to done", async () => {
    seed(3);
    const queued = await requestStripeImport(db, "founder@example.com");
    expect(queued).toMatchObject({ kind: "import", status: "queued", processed: 0 });
    await inProcessExecutor().idle();
    expect(await db.stripeSyncJob.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({
      status: "done",
      processed: 3,
    });
    expect(await db.customer.count()).toBe(3);
  });

  it("a second import request while one is queued starts nothing new", async () => {
    seed(1);
    const first = await requestStripeImport(db, "founder@example.com");
    const second = await requestStripeImport(db, "founder@example.com");
    expect(second.id).toBe(first.id);
    await inProcessExecutor().idle();
    expect(await db.stripeSyncJob.count({ where: { kind: "import" } })).toBe(1);
  });

  it("an import request resumes the unfinished import instead of starting over", async () => {
    seed(2);
    const failed = await db.stripeSyncJob.create({
      data: { kind: "import", status: "failed", error: "Stripe was down" },
    });
    const queued = await requestStripeImport(db, "founder@example.com");
    expect(queued).toMatchObject({ id: failed.id, status: "queued", error: null });
    await inProcessExecutor().idle();
    expect(await db.stripeSyncJob.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({
      status: "done",
      processed: 2,
    });
  });

  it("a drift check request runs the queued row, and a repeated delivery does not run it again", async () => {
    seed(1);
    await requestStripeImport(db, "founder@example.com");
    await inProcessExecutor().idle();
    const queued = await requestDriftCheck(db, "founder@example.com");
    expect(queued).toMatchObject({ kind: "drift", status: "queued" });
    await inProcessExecutor().idle();
    const done = await db.stripeSyncJob.findUniqueOrThrow({ where: { id: queued.id } });
    expect(done).toMatchObject({ status: "done", processed: 1 });
    const again = await checkDrift(db, { actor: "founder@example.com", jobId: queued.id });
    expect(again).toEqual(done);
  });
});
