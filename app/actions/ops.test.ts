import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { markTaskDead } from "@/lib/outbox/mark-task-dead";
import { countAllRows, resetDatabase } from "@/test/db";
import { recordStripe } from "@/dev/deliver";
import { invoicePaid, stripeId } from "@/fakes/stripe/events";
import {
  addNoteAction,
  assignExceptionAction,
  replayLedgerEventAction,
  resolveExceptionAction,
  retryExceptionAction,
} from "./ops";

const session = vi.hoisted(() => ({ email: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (session.email ? { user: { email: session.email } } : null),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const sent = vi.hoisted(() => [] as unknown[]);
vi.mock("@/lib/jobs/dispatch", () => ({ dispatch: async (e: unknown) => void sent.push(e) }));

const form = (data: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(data)) f.set(k, v);
  return f;
};

let customerId: string;
let ledgerEventId: string;
let exceptionId: string;
let staffId: string;

beforeEach(async () => {
  await resetDatabase();
  sent.length = 0;
  session.email = null;
  await db.user.create({ data: { email: "admin@example.com", role: "admin" } });
  staffId = (await db.user.create({ data: { email: "help@example.com", role: "staff" } })).id;
  customerId = (await db.customer.create({ data: { email: "c@example.com" } })).id;
  ledgerEventId = await recordStripe(
    invoicePaid({ customer: stripeId("cus"), email: "p@example.com" }),
  );
  await db.ledgerEvent.update({ where: { id: ledgerEventId }, data: { status: "processed" } });
  const task = await db.syncTask.create({
    data: {
      customerId,
      target: "crm",
      action: "crm.upsert_contact",
      idempotencyKey: "k",
      correlationId: "c",
    },
  });
  await markTaskDead(db, task.id, "boom");
  exceptionId = (await db.exceptionRecord.findFirstOrThrow()).id;
});

describe("ops server actions check the permission matrix on the server", () => {
  it.each([
    [
      "replay (staff)",
      "help@example.com",
      () => replayLedgerEventAction(null, form({ ledgerEventId })),
    ],
    ["retry (staff)", "help@example.com", () => retryExceptionAction(null, form({ exceptionId }))],
    ["note (signed out)", null, () => addNoteAction(null, form({ customerId, body: "hi" }))],
    [
      "resolve (signed out)",
      null,
      () => resolveExceptionAction(null, form({ exceptionId, note: "x" })),
    ],
    [
      "assign (signed out)",
      null,
      () => assignExceptionAction(null, form({ exceptionId, assigneeId: staffId })),
    ],
  ])("%s: throws and writes nothing", async (_name, email, call) => {
    session.email = email;
    const before = await countAllRows();
    await expect(call()).rejects.toThrow(email ? "Forbidden" : "Sign in required");
    expect(await countAllRows()).toEqual(before);
    expect(sent).toEqual([]);
    expect((await db.ledgerEvent.findUniqueOrThrow({ where: { id: ledgerEventId } })).status).toBe(
      "processed",
    );
  });

  it("admin replays and retries; staff notes, assigns and resolves — each audited", async () => {
    session.email = "admin@example.com";
    expect(await replayLedgerEventAction(null, form({ ledgerEventId }))).toMatchObject({
      ok: true,
    });
    expect(await retryExceptionAction(null, form({ exceptionId }))).toMatchObject({ ok: true });
    expect(sent).toHaveLength(2);

    session.email = "help@example.com";
    expect(await addNoteAction(null, form({ customerId, body: "Called them" }))).toMatchObject({
      ok: true,
    });
    expect(await addNoteAction(null, form({ customerId, body: "  " }))).toMatchObject({
      ok: false,
    });
    expect(
      await assignExceptionAction(null, form({ exceptionId, assigneeId: staffId })),
    ).toMatchObject({ ok: true });
    expect(await resolveExceptionAction(null, form({ exceptionId, note: "" }))).toMatchObject({
      ok: false,
    });

    const actions = (await db.auditLog.findMany({ orderBy: { at: "asc" } })).map(
      (a) => `${a.actor} ${a.action}`,
    );
    expect(actions).toEqual([
      "admin@example.com ledger.replay",
      "admin@example.com exception.retry",
      "help@example.com customer.note",
      "help@example.com exception.assign",
    ]);
    expect(await db.customerNote.findFirstOrThrow()).toMatchObject({
      body: "Called them",
      author: "help@example.com",
    });
  });
});
