import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { WorkflowEvent } from "@/lib/workflow-events";
import { resetDatabase } from "@/test/db";
import { recordStripe } from "@/dev/deliver";
import { checkoutSessionCompleted, invoicePaid, stripeId } from "@/fakes/stripe/events";
import { processLedgerEvent } from "@/lib/workflows/process-ledger-event";
import { replayLedgerEvent } from "./replay-ledger-event";

const admin = { email: "admin@example.com" };
/** Runs the workflow inline, the way the in-process executor does. */
const runNow = async (e: WorkflowEvent) => {
  if (e.name === "ledger/event.received") await processLedgerEvent(db, e.data.ledgerEventId);
};

async function snapshot() {
  const [customers, tasks, ledger, transitions, subs, invoices] = await Promise.all([
    db.customer.findMany({
      omit: { accessComputedAt: true, updatedAt: true },
      orderBy: { id: "asc" },
    }),
    db.syncTask.findMany({
      select: { idempotencyKey: true, action: true },
      orderBy: { idempotencyKey: "asc" },
    }),
    db.ledgerEvent.findMany({
      select: { id: true, status: true, externalId: true },
      orderBy: { id: "asc" },
    }),
    db.accessTransition.count(),
    db.subscription.findMany({ omit: { updatedAt: true } }),
    db.invoice.findMany({ omit: { updatedAt: true } }),
  ]);
  return { customers, tasks, ledger, transitions, subs, invoices };
}

beforeEach(resetDatabase);

describe("replayLedgerEvent", () => {
  it("replaying a processed event twice changes nothing and creates no second row or side effect", async () => {
    const who = { customer: stripeId("cus"), email: "replay@example.com", name: "Re Play" };
    const t = Math.floor(Date.now() / 1000) - 60;
    const checkout = await recordStripe(checkoutSessionCompleted(who, { created: t }));
    await processLedgerEvent(db, checkout);
    const paid = await recordStripe(invoicePaid(who, { created: t + 10 }));
    await processLedgerEvent(db, paid);
    const before = await snapshot();
    expect(before.tasks.length).toBeGreaterThan(0);

    expect(await replayLedgerEvent(db, paid, admin, runNow)).toEqual({
      ok: true,
      previousStatus: "processed",
    });
    expect(await replayLedgerEvent(db, checkout, admin, runNow)).toMatchObject({ ok: true });
    expect(await replayLedgerEvent(db, paid, admin, runNow)).toMatchObject({ ok: true });

    const after = await snapshot();
    expect(after).toEqual(before);
    const row = await db.ledgerEvent.findUniqueOrThrow({ where: { id: paid } });
    expect(row.status).toBe("processed");
    expect(row.attempts).toBe(3);
    const audits = await db.auditLog.findMany({ where: { action: "ledger.replay" } });
    expect(audits).toHaveLength(3);
    expect(audits[0]).toMatchObject({
      actor: "admin@example.com",
      before: { status: "processed" },
    });
  });

  it("refuses an unknown event and one being processed right now, changing nothing", async () => {
    const id = await recordStripe(
      invoicePaid({ customer: stripeId("cus"), email: "x@example.com" }),
    );
    await db.ledgerEvent.update({
      where: { id },
      data: { status: "processing", claimedAt: new Date() },
    });
    const sent: WorkflowEvent[] = [];
    const dispatch = async (e: WorkflowEvent) => void sent.push(e);
    expect(await replayLedgerEvent(db, "nope", admin, dispatch)).toEqual({
      ok: false,
      error: "Event not found",
    });
    expect(await replayLedgerEvent(db, id, admin, dispatch)).toMatchObject({ ok: false });
    expect(sent).toEqual([]);
    expect(await db.auditLog.count()).toBe(0);
    expect((await db.ledgerEvent.findUniqueOrThrow({ where: { id } })).status).toBe("processing");
  });

  it("takes over an abandoned claim and hands the row to the executor with a fresh id", async () => {
    const id = await recordStripe(
      invoicePaid({ customer: stripeId("cus"), email: "y@example.com" }),
    );
    await db.ledgerEvent.update({
      where: { id },
      data: { status: "processing", claimedAt: new Date(Date.now() - 3600_000) },
    });
    const sent: WorkflowEvent[] = [];
    await replayLedgerEvent(db, id, admin, async (e) => void sent.push(e));
    await replayLedgerEvent(db, id, admin, async (e) => void sent.push(e));
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ name: "ledger/event.received", data: { ledgerEventId: id } });
    expect(sent[0].id).not.toBe(id);
    expect((await db.ledgerEvent.findUniqueOrThrow({ where: { id } })).status).toBe("received");
  });
});
