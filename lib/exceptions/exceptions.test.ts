import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { WorkflowEvent } from "@/lib/workflow-events";
import { markTaskDead } from "@/lib/outbox/mark-task-dead";
import { resetDatabase } from "@/test/db";
import { deliver } from "@/dev/deliver";
import { chargeObject, disputeObject, eventOf } from "@/fakes/stripe/objects";
import { processLedgerEvent } from "@/lib/workflows/process-ledger-event";
import { assignException } from "./assign-exception";
import { listAssignees, listExceptions } from "./queries";
import { resolveException } from "./resolve-exception";
import { retryException } from "./retry-exception";

let admin: { id: string; email: string };
let staff: { id: string; email: string };
let exceptionId: string;
let taskId: string;

beforeEach(async () => {
  await resetDatabase();
  admin = await db.user.create({ data: { email: "admin@example.com", role: "admin" } });
  staff = await db.user.create({ data: { email: "help@example.com", role: "staff" } });
  const c = await db.customer.create({ data: { email: "c@example.com" } });
  const task = await db.syncTask.create({
    data: {
      customerId: c.id,
      target: "crm",
      action: "crm.upsert_contact",
      idempotencyKey: "k1",
      correlationId: "corr-1",
      attempts: 20,
    },
  });
  taskId = task.id;
  await markTaskDead(db, task.id, "HubSpot said 500 for ada@example.com");
  exceptionId = (await db.exceptionRecord.findUniqueOrThrow({ where: { syncTaskId: task.id } })).id;
});

describe("exceptions queue", () => {
  it("lists open exceptions with their task, customer and redacted-at-source error", async () => {
    const { rows, total } = await listExceptions(db, { status: "open", page: 1 }, admin.id);
    expect(total).toBe(1);
    expect(rows[0]).toMatchObject({
      kind: "dead_sync_task",
      syncTask: { status: "dead" },
      assignedTo: null,
    });
    expect(rows[0].detail).not.toContain("ada@example.com");
    expect((await listAssignees(db)).map((u) => u.email)).toEqual([
      "admin@example.com",
      "help@example.com",
    ]);
  });

  it("retry puts the dead task back to pending, resolves it, audits and dispatches once", async () => {
    const sent: WorkflowEvent[] = [];
    const dispatch = async (e: WorkflowEvent) => void sent.push(e);
    expect(await retryException(db, exceptionId, admin, dispatch)).toEqual({ ok: true });
    expect(await retryException(db, exceptionId, admin, dispatch)).toMatchObject({ ok: false });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ name: "sync/task.created", data: { taskId } });
    expect(await db.syncTask.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({
      status: "pending",
      attempts: 0,
    });
    expect(
      await db.exceptionRecord.findUniqueOrThrow({ where: { id: exceptionId } }),
    ).toMatchObject({ status: "resolved", resolvedById: admin.id });
    expect(
      await db.auditLog.count({ where: { action: "exception.retry", target: exceptionId } }),
    ).toBe(1);
  });

  it("refuses to retry a policy exception (no task) or an unknown one", async () => {
    const policy = await db.exceptionRecord.create({
      data: { kind: "policy", title: "t", detail: "d" },
    });
    const none = async () => undefined;
    expect(await retryException(db, policy.id, admin, none)).toMatchObject({ ok: false });
    expect(await retryException(db, "nope", admin, none)).toMatchObject({ ok: false });
    expect(await db.auditLog.count()).toBe(0);
  });

  it("resolve records the note once, audited; a second resolve changes nothing", async () => {
    expect(await resolveException(db, exceptionId, "Contact fixed by hand", staff)).toEqual({
      ok: true,
    });
    expect(await resolveException(db, exceptionId, "again", staff)).toMatchObject({ ok: false });
    expect(await resolveException(db, "nope", "x", staff)).toMatchObject({ ok: false });
    expect(
      await db.exceptionRecord.findUniqueOrThrow({ where: { id: exceptionId } }),
    ).toMatchObject({
      status: "resolved",
      resolutionNote: "Contact fixed by hand",
      resolvedById: staff.id,
    });
    expect(await db.auditLog.count({ where: { action: "exception.resolve" } })).toBe(1);
    const resolved = await listExceptions(db, { status: "resolved", page: 1 }, staff.id);
    expect(resolved.rows[0].resolvedBy?.email).toBe("help@example.com");
  });

  it("assigns to a person, audited; the same assignment twice writes one audit row", async () => {
    expect(await assignException(db, exceptionId, staff.id, admin)).toEqual({ ok: true });
    expect(await assignException(db, exceptionId, staff.id, admin)).toEqual({ ok: true });
    expect(await assignException(db, exceptionId, "ghost", admin)).toMatchObject({ ok: false });
    expect(await assignException(db, "nope", null, admin)).toMatchObject({ ok: false });
    expect(await db.auditLog.count({ where: { action: "exception.assign" } })).toBe(1);
    const mine = await listExceptions(db, { status: "open", mine: "1", page: 1 }, staff.id);
    expect(mine.rows.map((r) => r.assignedTo?.email)).toEqual(["help@example.com"]);
    expect(await assignException(db, exceptionId, null, admin)).toEqual({ ok: true });
    expect((await listExceptions(db, { status: "open", mine: "1", page: 1 }, staff.id)).total).toBe(
      0,
    );
  });
});

describe("a money event no customer could be tied to", () => {
  it("retrying replays the event; once the charge is known it links, blocks and resolves the exception", async () => {
    const T = Math.floor(Date.now() / 1000) - 600;
    const dispute = eventOf(
      "charge.dispute.created",
      disputeObject({ id: "dp_ex", charge: "ch_ex", status: "needs_response" }),
      T,
    );
    await deliver(dispute);
    const ex = await db.exceptionRecord.findFirstOrThrow({
      where: { kind: "unlinked_money_event" },
    });
    // The payment behind the dispute becomes known (its charge names the customer).
    await deliver(
      eventOf("charge.succeeded", chargeObject({ id: "ch_ex", customer: "cus_ex" }), T),
    );
    const sent: WorkflowEvent[] = [];
    expect(await retryException(db, ex.id, admin, async (e) => void sent.push(e))).toEqual({
      ok: true,
    });
    expect(sent).toHaveLength(1);
    await processLedgerEvent(db, (sent[0].data as { ledgerEventId: string }).ledgerEventId);
    expect(await db.exceptionRecord.findUniqueOrThrow({ where: { id: ex.id } })).toMatchObject({
      status: "resolved",
    });
    expect(
      (await db.customer.findUniqueOrThrow({ where: { stripeCustomerId: "cus_ex" } })).accessStatus,
    ).toBe("blocked");
    expect(await db.auditLog.count({ where: { action: "exception.retry", target: ex.id } })).toBe(
      1,
    );
  });
});
