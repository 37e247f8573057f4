import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as stripeWebhook } from "@/app/api/webhooks/stripe/route";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { invoicePaid } from "@/fakes/stripe/events";
import { startSyncHarness, type SyncHarness } from "@/test/sync-harness";
import { stripeWebhookRequest } from "@/test/webhook-requests";

// Every module logs through `log`: replace it with the same logger writing to memory.
const captured = vi.hoisted(() => ({ lines: [] as string[] }));
vi.mock("@/lib/log", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/log")>();
  return {
    ...real,
    log: real.createLogger({
      level: "debug",
      destination: { write: (line: string) => void captured.lines.push(line) },
    }),
  };
});

const EMAIL = "leaky.person+vip@example.com";
const SECRET = "sk_live_51KnownSecretValue0123456789";

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness();
});
afterAll(() => h.stop());
beforeEach(async () => {
  await h.settle();
  await resetDatabase();
  captured.lines.length = 0;
});

describe("structured logs", () => {
  it("carry the webhook's correlation id through processing and every sync task, and never an email or a secret", async () => {
    const event = invoicePaid({ customer: "cus_logs", email: EMAIL, name: "Lee Kee" });
    Object.assign(event.data.object, { metadata: { note: `key ${SECRET}`, contact: EMAIL } });
    const res = await stripeWebhook(stripeWebhookRequest(event));
    expect(res.status).toBe(200);
    await h.settle();

    const { correlationId } = await db.ledgerEvent.findFirstOrThrow();
    const tasks = await db.syncTask.findMany();
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.every((t) => t.correlationId === correlationId)).toBe(true);
    expect(tasks.every((t) => t.status === "succeeded")).toBe(true);

    const lines = captured.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const withId = (msg: string) =>
      lines.filter((l) => l.msg === msg && l.correlationId === correlationId);
    expect(withId("webhook recorded")).toHaveLength(1);
    expect(withId("ledger event processed")).toHaveLength(1);
    expect(withId("sync task succeeded")).toHaveLength(tasks.length);

    const everything = captured.lines.join("\n");
    expect(everything).not.toContain(EMAIL);
    expect(everything).not.toContain("leaky.person");
    expect(everything).not.toContain(SECRET);
  });
});
