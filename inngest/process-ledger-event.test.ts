import { InngestTestEngine } from "@inngest/test";
import { beforeEach, describe, expect, it } from "vitest";
import { inngestFunction } from "@/inngest/index";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { recordStripe } from "@/dev/deliver";
import { invoicePaid } from "@/fakes/stripe/events";

const processLedgerEventFn = inngestFunction("process-ledger-event");

beforeEach(resetDatabase);

describe("process-ledger-event (Inngest function)", () => {
  it("applies the ledger event named in the event data and marks it processed", async () => {
    const id = await recordStripe(
      invoicePaid({ customer: "cus_inn1", email: "inngest@example.com" }),
    );
    const t = new InngestTestEngine({ function: processLedgerEventFn });
    const { result, error, ctx } = await t.execute({
      events: [{ name: "ledger/event.received", id, data: { ledgerEventId: id } }],
      steps: [{ id: "enqueue-sync-tasks", handler: () => ({ ids: [] }) }],
    });
    expect(error).toBeUndefined();
    expect(result).toMatchObject({
      status: "processed",
      outcome: { outcome: "applied", accessStatus: "active" },
    });
    // The outbox tasks of the change are handed to run-sync-task, one event per task id.
    const tasks = await db.syncTask.findMany({ select: { id: true } });
    expect(tasks.length).toBeGreaterThan(0);
    const sendEvent = ctx.step.sendEvent as unknown as {
      mock: { calls: [string, { id: string }[]][] };
    };
    expect(sendEvent.mock.calls).toHaveLength(1);
    const [stepId, events] = sendEvent.mock.calls[0];
    expect(stepId).toBe("enqueue-sync-tasks");
    expect(events.map((e) => e.id).sort()).toEqual(tasks.map((t) => t.id).sort());
    expect(await db.ledgerEvent.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "processed",
    });
  });

  it("is idempotent when Inngest delivers the same event twice", async () => {
    const id = await recordStripe(
      invoicePaid({ customer: "cus_inn2", email: "inngest2@example.com" }),
    );
    const event = { name: "ledger/event.received", id, data: { ledgerEventId: id } };
    await new InngestTestEngine({ function: processLedgerEventFn }).execute({
      events: [event],
      steps: [{ id: "enqueue-sync-tasks", handler: () => ({ ids: [] }) }],
    });
    const { result } = await new InngestTestEngine({ function: processLedgerEventFn }).execute({
      events: [event],
    });
    expect(result).toMatchObject({ status: "skipped" });
    expect(await db.customer.count()).toBe(1);
  });
});
