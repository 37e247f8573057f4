import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { resetDatabase } from "@/test/db";
import { withFakeStripe } from "@/test/fake-stripe-env";
import { customerObject, invoiceObject, subscriptionObject } from "@/fakes/stripe/objects";
import { redriveLostWork } from "@/lib/jobs/redrive";
import type { WorkflowEvent } from "@/lib/workflow-events";
import { checkDrift } from "./check-drift";
import { findAbandonedImport, importStripeCustomers } from "./import-stripe-customers";
import { importProgress } from "./import-progress";
import { latestSyncJobs } from "./queries";

const fake = withFakeStripe();
beforeEach(resetDatabase);

const T = Math.floor(Date.now() / 1000) - 86400;

function seed(n: number) {
  for (let i = 0; i < n; i++) {
    const id = `cus_im${i}`;
    fake.api().put("customers", {
      ...customerObject({ id, email: `Im${i}@Example.com`, name: `Im ${i}` }),
      created: T + i,
    });
    const status = i % 3 === 0 ? "trialing" : i % 3 === 1 ? "active" : "canceled";
    fake.api().put(
      "subscriptions",
      subscriptionObject({
        id: `sub_im${i}`,
        customer: id,
        status,
        periodEnd: status === "canceled" ? T : T + 30 * 86400,
        created: T,
      }),
    );
    if (status === "active")
      fake.api().put(
        "invoices",
        invoiceObject({
          id: `in_im${i}`,
          customer: id,
          status: "paid",
          subscription: `sub_im${i}`,
          created: T,
        }),
      );
  }
}

describe("importStripeCustomers", () => {
  it("imports every customer across pages, with subscriptions and access computed", async () => {
    seed(5);
    const job = await importStripeCustomers(db, { pageSize: 2 });
    expect(job).toMatchObject({ status: "done", processed: 5, total: 5, cursor: "cus_im0" });
    const customers = await db.customer.findMany({ orderBy: { email: "asc" } });
    expect(customers.map((c) => [c.email, c.accessStatus])).toEqual([
      ["im0@example.com", "trial"],
      ["im1@example.com", "active"],
      ["im2@example.com", "canceled"],
      ["im3@example.com", "trial"],
      ["im4@example.com", "active"],
    ]);
    const listed = fake.api().requests.filter((r) => r.path === "/v1/customers");
    expect(listed.map((r) => r.query.get("starting_after"))).toEqual([null, "cus_im3", "cus_im1"]);
  });

  it("resumes from the saved cursor after an interruption and imports nobody twice", async () => {
    seed(5);
    const first = await importStripeCustomers(db, { pageSize: 2, maxPages: 1 });
    expect(first).toMatchObject({ status: "paused", processed: 2 });
    fake
      .api()
      .inject(...Array.from({ length: 5 }, () => ({ status: 429 as const, retryAfterSeconds: 0 })));
    const failed = await importStripeCustomers(db, { pageSize: 2 });
    expect(failed).toMatchObject({ id: first.id, status: "failed", processed: 2 });
    expect(failed.error).toMatch(/Too many requests/);
    const done = await importStripeCustomers(db, { pageSize: 2 });
    expect(done).toMatchObject({ id: first.id, status: "done", processed: 5 });
    expect(await db.customer.count()).toBe(5);
  });

  it("a restart mid-page resumes after the last customer imported, each customer imported once", async () => {
    seed(7);
    // Page 1 (3 customers) and two customers of page 2 go through; then Stripe fails. Each
    // customer costs two requests (subscriptions, latest invoice); the count and each list
    // one more.
    const okRequests = 1 + 1 + 3 * 2 + 1 + 2 * 2;
    fake.api().inject(
      ...Array.from({ length: okRequests }, () => ({ latencyMs: 0 })),
      // The SDK tries a 5xx three times (maxNetworkRetries: 2), then the import stops.
      ...Array.from({ length: 3 }, () => ({ status: 500 as const })),
    );
    const stopped = await importStripeCustomers(db, { pageSize: 3 });
    expect(stopped).toMatchObject({ status: "failed", processed: 5, total: 7, cursor: "cus_im2" });
    // The process dies with the row still `running` (as a kill leaves it): nothing is saved
    // after the last customer, and after IN_PROGRESS_MS the resume sweep hands it on.
    await db.stripeSyncJob.update({
      where: { id: stopped.id },
      data: { status: "running", error: null, updatedAt: new Date(Date.now() - 600_000) },
    });
    const handedOff: WorkflowEvent[] = [];
    await redriveLostWork(db, { ledgerOlderThanSeconds: 10, syncGraceSeconds: 10 }, async (e) => {
      handedOff.push(e);
    });
    expect(handedOff).toEqual([
      expect.objectContaining({ name: "billing/import.requested", data: { jobId: stopped.id } }),
    ]);
    const done = await importStripeCustomers(db, { pageSize: 3 });
    expect(done).toMatchObject({ id: stopped.id, status: "done", processed: 7, total: 7 });
    expect(await db.customer.count()).toBe(7);
    // Every customer's subscriptions were read once, but cus_im1's: three failed tries when
    // Stripe failed, then once after the resume.
    const subsRead: Record<string, number> = {};
    for (const r of fake.api().requests.filter((r) => r.path === "/v1/subscriptions")) {
      const id = r.query.get("customer")!;
      subsRead[id] = (subsRead[id] ?? 0) + 1;
    }
    expect(subsRead).toEqual({
      cus_im0: 1,
      cus_im1: 4,
      cus_im2: 1,
      cus_im3: 1,
      cus_im4: 1,
      cus_im5: 1,
      cus_im6: 1,
    });
    const listed = fake.api().requests.filter((r) => r.path === "/v1/customers");
    expect(listed.map((r) => r.query.get("starting_after"))).toEqual([null, "cus_im4", "cus_im2"]);
    const imported = await db.ledgerEvent.groupBy({
      by: ["externalId"],
      where: { type: "customer.updated" },
      _count: { _all: true },
    });
    expect(imported).toHaveLength(7);
    expect(imported.every((g) => g._count._all === 1)).toBe(true);
    // The total was asked for once, when the import started.
    expect(fake.api().requests.filter((r) => r.path === "/v1/customers/search")).toHaveLength(1);
  });

  it("the resume sweep leaves failed, fresh and finished imports alone", async () => {
    const old = new Date(Date.now() - 600_000);
    await db.stripeSyncJob.create({ data: { kind: "import", status: "failed", updatedAt: old } });
    await db.stripeSyncJob.create({ data: { kind: "import", status: "done", updatedAt: old } });
    await db.stripeSyncJob.create({ data: { kind: "import", status: "running" } });
    await db.stripeSyncJob.create({ data: { kind: "drift", status: "running", updatedAt: old } });
    expect(await findAbandonedImport(db, { queuedGraceMs: 10_000 })).toBeNull();
    const queued = await db.stripeSyncJob.create({
      data: { kind: "import", status: "queued", updatedAt: new Date(Date.now() - 60_000) },
    });
    expect(await findAbandonedImport(db, { queuedGraceMs: 10_000 })).toMatchObject({
      id: queued.id,
    });
  });

  it("does not start an import that is in progress a second time", async () => {
    seed(2);
    const running = await db.stripeSyncJob.create({ data: { kind: "import", status: "running" } });
    const r = await importStripeCustomers(db, {});
    expect(r).toMatchObject({ id: running.id, status: "running", processed: 0 });
    expect(fake.api().requests).toHaveLength(0);
    await db.stripeSyncJob.update({
      where: { id: running.id },
      data: { updatedAt: new Date(Date.now() - 600_000) },
    });
    expect(await importStripeCustomers(db, {})).toMatchObject({
      id: running.id,
      status: "done",
      processed: 2,
    });
  });

  it("running the import again records nothing new", async () => {
    seed(3);
    await importStripeCustomers(db, {});
    const rows = await db.ledgerEvent.count();
    const second = await importStripeCustomers(db, {});
    expect(second.status).toBe("done");
    expect(await db.ledgerEvent.count()).toBe(rows);
    expect(await db.stripeSyncJob.count()).toBe(2);
  });
});

describe("importStripeCustomers: invoices", () => {
  it("imports the latest invoice as paid, failed or uncollectible, and skips drafts", async () => {
    const cases = [
      ["cus_iv0", { status: "open", attempt_count: 1 }, "past_due"],
      ["cus_iv1", { status: "uncollectible", attempt_count: 4 }, "past_due"],
      ["cus_iv2", { status: "draft" }, "lead"],
    ] as const;
    for (const [id, inv, _] of cases) {
      fake.api().put("customers", customerObject({ id, email: `${id}@example.com` }));
      fake.api().put("invoices", {
        ...invoiceObject({ id: `in_${id}`, customer: id, status: "open", created: T }),
        ...inv,
      });
    }
    await importStripeCustomers(db, {});
    for (const [id, , billing] of cases) {
      const c = await db.customer.findUniqueOrThrow({ where: { stripeCustomerId: id } });
      expect([id, c.billingStatus]).toEqual([id, billing === "lead" ? "none" : billing]);
    }
  });
});

describe("checkDrift", () => {
  it("lists differences with Stripe, repairs them through the event path with an audit, then finds none", async () => {
    seed(3);
    await importStripeCustomers(db, {});
    fake.api().put(
      "subscriptions",
      subscriptionObject({
        id: "sub_im1",
        customer: "cus_im1",
        status: "canceled",
        periodEnd: T,
        canceledAt: T,
        endedAt: T,
      }),
    );
    fake
      .api()
      .put("customers", customerObject({ id: "cus_im0", email: "new0@example.com", name: "Im 0" }));

    const job = await checkDrift(db, { actor: "founder@example.com" });
    expect(job).toMatchObject({ status: "done", processed: 3, repaired: 2 });
    expect(job.report).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          object: "sub_im1",
          field: "status",
          ours: "active",
          stripe: "canceled",
        }),
        expect.objectContaining({
          object: "cus_im0",
          field: "email",
          ours: "im0@example.com",
          stripe: "new0@example.com",
        }),
      ]),
    );
    const c1 = await db.customer.findUniqueOrThrow({ where: { stripeCustomerId: "cus_im1" } });
    expect(c1.accessStatus).toBe("canceled");
    expect(c1.lastSyncedAt).not.toBeNull();
    expect(await db.customer.findUnique({ where: { email: "new0@example.com" } })).not.toBeNull();
    expect(
      await db.auditLog.count({
        where: { action: "billing.drift_repair", actor: "founder@example.com" },
      }),
    ).toBe(2);
    const drift = await db.ledgerEvent.findMany({
      where: { externalId: { startsWith: "drift:" } },
    });
    expect(drift.map((d) => d.status).sort()).toEqual(["processed", "processed"]);

    const again = await checkDrift(db, { actor: "system:schedule" });
    expect(again).toMatchObject({ status: "done", repaired: 0, report: [] });
    expect(await latestSyncJobs(db)).toMatchObject({
      lastImport: { status: "done" },
      lastDrift: { id: again.id },
    });

    fake.api().put(
      "subscriptions",
      subscriptionObject({
        id: "sub_new",
        customer: "cus_im2",
        status: "active",
        periodEnd: T + 86400 * 30,
      }),
    );
    const third = await checkDrift(db, { actor: "x" });
    expect(third.report).toEqual([
      expect.objectContaining({ object: "sub_new", field: "exists", repairable: true }),
    ]);
    expect(
      (await db.customer.findUniqueOrThrow({ where: { stripeCustomerId: "cus_im2" } }))
        .accessStatus,
    ).toBe("active");
  });

  it("compares invoices too: a failed invoice Stripe has since voided is repaired and the customer leaves past due", async () => {
    const id = "cus_dv";
    fake.api().put("customers", customerObject({ id, email: "dv@example.com" }));
    const sub = (status: string) =>
      subscriptionObject({ id: "sub_dv", customer: id, status, periodEnd: T + 30 * 86400 });
    const inv = (status: string) => ({
      ...invoiceObject({ id: "in_dv", customer: id, status, subscription: "sub_dv", created: T }),
      attempt_count: 1,
      status_transitions: { finalized_at: T, paid_at: null },
    });
    fake.api().put("subscriptions", sub("past_due"));
    fake.api().put("invoices", inv("open"));
    await importStripeCustomers(db, {});
    const before = await db.customer.findUniqueOrThrow({ where: { stripeCustomerId: id } });
    expect(before.accessStatus).not.toBe("active");
    // The merchant voids the invoice; both webhooks are lost.
    fake.api().put("invoices", inv("void"));
    fake.api().put("subscriptions", sub("active"));
    const job = await checkDrift(db, { actor: "founder@example.com" });
    expect(job.report).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ object: "in_dv", field: "status", ours: "open", stripe: "void" }),
        expect.objectContaining({ object: "sub_dv", field: "status", stripe: "active" }),
      ]),
    );
    expect(await db.customer.findUniqueOrThrow({ where: { stripeCustomerId: id } })).toMatchObject({
      accessStatus: "active",
      billingStatus: "active",
    });
    expect(await checkDrift(db, { actor: "x" })).toMatchObject({ report: [] });
  });

  it("reports what it cannot repair: objects Stripe does not have", async () => {
    seed(1);
    await importStripeCustomers(db, {});
    fake.api().state.subscriptions.clear();
    fake.api().state.customers.clear();
    const job = await checkDrift(db, { actor: "x", repair: false });
    expect(job.report).toEqual([
      expect.objectContaining({ object: "cus_im0", field: "exists", repairable: false }),
    ]);
  });

  it("records a failed check when Stripe keeps failing", async () => {
    seed(1);
    await importStripeCustomers(db, {});
    fake.api().inject({ status: 500 }, { status: 500 }, { status: 500 });
    const job = await checkDrift(db, { actor: "x" });
    expect(job.status).toBe("failed");
  });

  it("refuses to run without a Stripe key", async () => {
    const key = process.env.STRIPE_SECRET_KEY;
    delete process.env.STRIPE_SECRET_KEY;
    resetEnvCache();
    try {
      await expect(checkDrift(db, { actor: "x" })).rejects.toThrow(/STRIPE_SECRET_KEY/);
      await expect(importStripeCustomers(db)).rejects.toThrow(/STRIPE_SECRET_KEY/);
    } finally {
      process.env.STRIPE_SECRET_KEY = key;
      resetEnvCache();
    }
  });
});

describe("importProgress", () => {
  it("says x of about y while Stripe's count holds, the count alone otherwise", () => {
    expect(importProgress({ processed: 1200, total: 50_000 })).toBe("1,200 of about 50,000 (2 %)");
    expect(importProgress({ processed: 7, total: 7 })).toBe("7 of about 7 (100 %)");
    expect(importProgress({ processed: 8, total: 7 })).toBe("8");
    expect(importProgress({ processed: 3, total: null })).toBe("3");
  });
});
