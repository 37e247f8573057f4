import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { recordStripe } from "@/dev/deliver";
import { withFakeInngest } from "@/fakes/inngest-events";
import { invoicePaid } from "@/fakes/stripe/events";
import { dispatch, dispatchSyncTasks, inProcessExecutor, reconcileOnce } from "./dispatch";

const fakeInngest = withFakeInngest();
beforeEach(resetDatabase);

describe("dispatch in Inngest mode", () => {
  it("sends the event to Inngest with the ledger id as its id, and runs nothing in-process", async () => {
    const id = await recordStripe(invoicePaid({ customer: "cus_d1", email: "d1@example.com" }));
    await dispatch({ name: "ledger/event.received", id, data: { ledgerEventId: id } });
    expect(fakeInngest.api().events).toEqual([
      expect.objectContaining({ id, name: "ledger/event.received", data: { ledgerEventId: id } }),
    ]);
    await inProcessExecutor().idle();
    expect(await db.ledgerEvent.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "received",
    });
  });

  it("a refused hand-off throws, so the webhook can answer 5xx", async () => {
    fakeInngest.api().failNext(5); // every attempt of the client's retries
    await expect(
      dispatch({ name: "ledger/event.received", id: "le_x", data: { ledgerEventId: "le_x" } }),
    ).rejects.toThrow();
    expect(fakeInngest.api().events).toHaveLength(0);
  });

  it("a sync task hand-off Inngest refuses is not thrown; the reconciler sends it again", async () => {
    const customer = await db.customer.create({ data: { email: "task@example.com" } });
    const task = await db.syncTask.create({
      data: {
        customerId: customer.id,
        target: "crm",
        action: "crm.upsert_contact",
        idempotencyKey: "crm:handoff",
        correlationId: "corr-handoff",
      },
    });
    fakeInngest.api().failNext(5);
    await expect(dispatchSyncTasks([task])).resolves.toBeUndefined();
    expect(fakeInngest.api().events).toHaveLength(0);

    expect(await reconcileOnce({ ledgerOlderThanSeconds: 60, syncGraceSeconds: 0 })).toBe(1);
    expect(fakeInngest.api().events).toEqual([
      expect.objectContaining({
        id: `${task.id}:reconcile-0`,
        name: "sync/task.created",
        data: { taskId: task.id, customerId: customer.id },
      }),
    ]);
  });
});
