import { describe, expect, it } from "vitest";
import { functions, inngestFunction } from "@/inngest/index";
import { jobs } from "@/lib/jobs/registry";

const opts = (id: string) => inngestFunction(id).opts as unknown as Record<string, unknown>;

describe("the Inngest functions are the job registry", () => {
  it("serves one function per registry job, under the job's id", () => {
    expect(functions.map((f) => f.id())).toEqual(jobs.map((j) => j.id));
    expect(new Set(jobs.map((j) => j.id)).size).toBe(jobs.length);
  });

  it("keeps each function's trigger, retries and concurrency keys", () => {
    expect(opts("process-ledger-event")).toMatchObject({
      retries: 5,
      triggers: [expect.objectContaining({ event: "ledger/event.received" })],
      concurrency: [{ limit: 10 }, { key: "event.data.orderingKey", limit: 1 }],
    });
    expect(opts("run-sync-task")).toMatchObject({
      retries: 20,
      triggers: [expect.objectContaining({ event: "sync/task.created" })],
      concurrency: [{ key: "event.data.customerId", limit: 1 }, { limit: 20 }],
      onFailure: expect.any(Function),
    });
    expect(opts("reconcile-sync-tasks")).toMatchObject({
      triggers: [{ cron: "* * * * *" }],
      concurrency: { limit: 1 },
    });
    expect(opts("reconcile-sync-tasks")).not.toHaveProperty("retries");
    expect(opts("reevaluate-access")).toMatchObject({
      retries: 3,
      triggers: [{ cron: "*/10 * * * *" }],
      concurrency: { limit: 1 },
    });
    expect(opts("check-billing-drift")).toMatchObject({
      retries: 2,
      triggers: [{ cron: "17 4 * * *" }],
    });
    expect(opts("evaluate-alerts")).toMatchObject({ triggers: [{ cron: "* * * * *" }] });
    expect(opts("import-stripe-customers")).toMatchObject({
      triggers: [expect.objectContaining({ event: "billing/import.requested" })],
      concurrency: { limit: 1 },
    });
    expect(opts("check-billing-drift-now")).toMatchObject({
      triggers: [expect.objectContaining({ event: "billing/drift.requested" })],
    });
  });
});
