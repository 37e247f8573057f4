import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { SyncTarget } from "@/lib/integrations/connector/types";
import { markTaskDead } from "@/lib/outbox/mark-task-dead";
import { runSyncTask, type SyncDeps } from "@/lib/outbox/run-sync-task";
import { resetDatabase } from "@/test/db";
import { recordingConnector } from "@/test/recording-connector";
import { mergeCustomers } from "./merge-customers";

beforeEach(resetDatabase);

describe("mergeCustomers", () => {
  it("moves everything to the winner and takes the loser's Stripe identity and newer verification", async () => {
    const winner = await db.customer.create({
      data: {
        email: "w@example.com",
        crmContactId: "hs_w",
        firstSeenAt: new Date("2026-11-05T00:00:00Z"),
      },
    });
    const loser = await db.customer.create({
      data: {
        stripeCustomerId: "cus_l",
        name: "Loser",
        identityStatus: "verified",
        identityEventAt: new Date("2026-11-04T00:00:00Z"),
        stripeDeletedAt: null,
        stripeCustomerEventAt: new Date("2026-11-03T00:00:00Z"),
        firstSeenAt: new Date("2026-11-01T00:00:00Z"),
        billingEventAt: new Date("2026-11-06T00:00:00Z"),
      },
    });
    await db.subscription.create({
      data: {
        stripeSubscriptionId: "sub_l",
        customerId: loser.id,
        status: "active",
        stripeEventAt: new Date(),
      },
    });
    await db.accessOverride.create({
      data: { customerId: loser.id, kind: "grant", reason: "r", actor: "a" },
    });
    const merged = await db.$transaction((tx) => mergeCustomers(tx, winner.id, loser.id, "tester"));
    expect(merged).toMatchObject({
      id: winner.id,
      email: "w@example.com",
      crmContactId: "hs_w",
      stripeCustomerId: "cus_l",
      name: "Loser",
      identityStatus: "verified",
      firstSeenAt: new Date("2026-11-01T00:00:00Z"),
      billingEventAt: new Date("2026-11-06T00:00:00Z"),
      stripeCustomerEventAt: new Date("2026-11-03T00:00:00Z"),
    });
    expect(await db.subscription.findFirstOrThrow()).toMatchObject({ customerId: winner.id });
    expect(await db.accessOverride.findFirstOrThrow()).toMatchObject({ customerId: winner.id });
    expect(await db.customer.count()).toBe(1);

    const again = await db.$transaction((tx) => mergeCustomers(tx, winner.id, loser.id, "tester"));
    expect(again.id).toBe(winner.id);
    expect(await db.auditLog.count({ where: { action: "customer.merge" } })).toBe(1);
  });

  it("keeps the winner's own values when it already has them", async () => {
    const winner = await db.customer.create({
      data: {
        stripeCustomerId: "cus_w",
        name: "W",
        identityStatus: "requires_input",
        identityEventAt: new Date("2026-11-09T00:00:00Z"),
      },
    });
    const loser = await db.customer.create({
      data: {
        email: "l@example.com",
        name: "L",
        identityStatus: "verified",
        identityEventAt: new Date("2026-11-02T00:00:00Z"),
      },
    });
    const merged = await db.$transaction((tx) => mergeCustomers(tx, winner.id, loser.id, "tester"));
    expect(merged).toMatchObject({
      name: "W",
      email: "l@example.com",
      identityStatus: "requires_input",
      firstSeenAt: null,
    });
  });
});

// Issue 11, item 6: "outbox tasks, exceptions, notes, ledger links and transitions move to
// the survivor; pending side effects still run once."
describe("merges keep everything", () => {
  const email = recordingConnector("email");
  const other = (t: SyncTarget) => recordingConnector(t).connector;
  const deps: SyncDeps = {
    connectors: {
      email: email.connector,
      crm: other("crm"),
      support: other("support"),
      app: other("app"),
    },
    publicUrl: "http://localhost:3999",
    timeoutMs: 2000,
    random: () => 0.5,
  };
  const task = (customerId: string, key: string, extra: Record<string, unknown> = {}) =>
    db.syncTask.create({
      data: {
        customerId,
        target: key.startsWith("welcome") ? "email" : "crm",
        action: key.startsWith("welcome") ? "email.welcome" : "crm.upsert_contact",
        idempotencyKey: key,
        correlationId: "corr-merge",
        ...extra,
      },
    });

  async function loserWithHistory() {
    const loser = await db.customer.create({
      data: { email: "l@example.com", stripeCustomerId: "cus_l", accessStatus: "active" },
    });
    await db.customerNote.create({ data: { customerId: loser.id, body: "called them" } });
    await db.ledgerEvent.create({
      data: {
        source: "stripe",
        externalId: "evt_l1",
        type: "invoice.paid",
        occurredAt: new Date(),
        payload: {},
        correlationId: "corr-merge",
        customerId: loser.id,
      },
    });
    await db.accessTransition.create({
      data: { customerId: loser.id, from: "lead", to: "active", actor: "test" },
    });
    const welcome = await task(loser.id, `welcome-email:${loser.id}`);
    const crm = await task(loser.id, `crm:${loser.id}:evt_l1`, { attempts: 20 });
    await markTaskDead(db, crm.id, "HubSpot said 500");
    const approval = await db.approvalRequest.create({
      data: {
        kind: "access_override",
        customerId: loser.id,
        payload: { overrideKind: "grant", expiresAt: null },
        reason: "goodwill",
        requestedById: "u1",
        requestedByEmail: "staff@example.com",
      },
    });
    return { loser, welcome, crm, approval };
  }

  async function runPendingTasks() {
    for (const t of await db.syncTask.findMany({ where: { status: "pending" } })) {
      await runSyncTask(db, t.id, deps);
    }
  }

  beforeEach(() => {
    email.calls.length = 0;
  });

  it("a loser's pending welcome email and dead CRM task with its exception move to the survivor; the email is sent once", async () => {
    const survivor = await db.customer.create({
      data: { email: "s@example.com", accessStatus: "active" },
    });
    const { loser, welcome, crm, approval } = await loserWithHistory();

    await db.$transaction((tx) => mergeCustomers(tx, survivor.id, loser.id, "tester"));

    expect(await db.syncTask.findUniqueOrThrow({ where: { id: welcome.id } })).toMatchObject({
      customerId: survivor.id,
      idempotencyKey: `welcome-email:${survivor.id}`,
      status: "pending",
    });
    expect(await db.syncTask.findUniqueOrThrow({ where: { id: crm.id } })).toMatchObject({
      customerId: survivor.id,
      idempotencyKey: `crm:${survivor.id}:evt_l1`,
      status: "dead",
    });
    const exception = await db.exceptionRecord.findFirstOrThrow({
      where: { kind: "dead_sync_task" },
    });
    expect(exception).toMatchObject({
      customerId: survivor.id,
      syncTaskId: crm.id,
      status: "open",
    });
    for (const rows of [
      await db.customerNote.findMany(),
      await db.ledgerEvent.findMany(),
      await db.accessTransition.findMany(),
    ]) {
      expect(rows.map((r) => r.customerId)).toEqual([survivor.id]);
    }
    expect(
      await db.approvalRequest.findUniqueOrThrow({ where: { id: approval.id } }),
    ).toMatchObject({ customerId: survivor.id });

    await runPendingTasks();
    await runPendingTasks();
    expect(email.calls).toHaveLength(1);
    expect(email.calls[0].customer.id).toBe(survivor.id);
  });

  it("when the survivor already has the same side effect, the loser's pending one is superseded and never runs", async () => {
    const survivor = await db.customer.create({
      data: { email: "s@example.com", accessStatus: "active" },
    });
    const own = await task(survivor.id, `welcome-email:${survivor.id}`);
    const { loser, welcome } = await loserWithHistory();

    await db.$transaction((tx) => mergeCustomers(tx, survivor.id, loser.id, "tester"));

    const superseded = await db.syncTask.findUniqueOrThrow({ where: { id: welcome.id } });
    expect(superseded).toMatchObject({ customerId: survivor.id, status: "skipped" });
    expect(superseded.lastError).toContain(own.id);
    expect(await db.syncTask.count()).toBe(3);

    await runPendingTasks();
    await runPendingTasks();
    expect(email.calls).toHaveLength(1);
    expect(email.calls[0].task.id).toBe(own.id);
  });

  it("a welcome email the loser already got supersedes the survivor's pending one", async () => {
    const survivor = await db.customer.create({
      data: { email: "s@example.com", accessStatus: "active" },
    });
    const pending = await task(survivor.id, `welcome-email:${survivor.id}`);
    const loser = await db.customer.create({ data: { email: "l@example.com" } });
    const sent = await task(loser.id, `welcome-email:${loser.id}`, { status: "succeeded" });

    await db.$transaction((tx) => mergeCustomers(tx, survivor.id, loser.id, "tester"));

    expect(await db.syncTask.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({
      customerId: survivor.id,
      idempotencyKey: `welcome-email:${loser.id}`,
      status: "succeeded",
    });
    expect(await db.syncTask.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({
      status: "skipped",
      result: { supersededBy: sent.id },
    });
    await runPendingTasks();
    expect(email.calls).toHaveLength(0);
  });

  it("identity conflicts follow the survivor; the merged pair's own conflict is resolved by the merge", async () => {
    const a = await db.customer.create({
      data: { email: "a@example.com", stripeCustomerId: "cus_a" },
    });
    const b = await db.customer.create({ data: { stripeCustomerId: "cus_b" } });
    const d = await db.customer.create({ data: { stripeCustomerId: "cus_d" } });
    const conflict = (customerId: string, pairCustomerId: string) =>
      db.exceptionRecord.create({
        data: { kind: "identity_conflict", title: "t", detail: "d", customerId, pairCustomerId },
      });
    const ab = await conflict(b.id, a.id);
    const db_ = await conflict(d.id, b.id);
    const da = await conflict(d.id, a.id);

    await db.$transaction((tx) => mergeCustomers(tx, a.id, b.id, "admin@example.com"));

    expect(await db.exceptionRecord.findUniqueOrThrow({ where: { id: ab.id } })).toMatchObject({
      customerId: a.id,
      pairCustomerId: null,
      status: "resolved",
      resolutionNote: "The two records were merged by admin@example.com",
    });
    // D's conflict with B is now one with A, which D already has: resolved as its duplicate.
    expect(await db.exceptionRecord.findUniqueOrThrow({ where: { id: db_.id } })).toMatchObject({
      customerId: d.id,
      pairCustomerId: null,
      status: "resolved",
      resolutionNote: `Same conflict as exception ${da.id} after a merge by admin@example.com`,
    });
    expect(await db.exceptionRecord.findUniqueOrThrow({ where: { id: da.id } })).toMatchObject({
      status: "open",
    });
  });

  it("a conflict of the loser with a third record is re-pointed to the survivor", async () => {
    const a = await db.customer.create({ data: { email: "a@example.com" } });
    const b = await db.customer.create({ data: { stripeCustomerId: "cus_b" } });
    const c = await db.customer.create({ data: { stripeCustomerId: "cus_c" } });
    const bc = await db.exceptionRecord.create({
      data: {
        kind: "identity_conflict",
        title: "t",
        detail: "d",
        customerId: b.id,
        pairCustomerId: c.id,
      },
    });
    await db.$transaction((tx) => mergeCustomers(tx, a.id, b.id, "tester"));
    expect(await db.exceptionRecord.findUniqueOrThrow({ where: { id: bc.id } })).toMatchObject({
      customerId: a.id,
      pairCustomerId: c.id,
      status: "open",
    });
  });
});
