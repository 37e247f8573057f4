import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { resetDatabase } from "@/test/db";
import { GET } from "./route";

const session = vi.hoisted(() => ({ email: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (session.email ? { user: { email: session.email } } : null),
}));

const TOKEN = "test-metrics-token-0123456789abcdef";
const PROVIDER_BODY = 'HubSpot 401: {"message":"token pat-na1-secret-looking"}';

const health = (headers: Record<string, string> = {}) =>
  GET(new Request("http://localhost:3999/api/health", { headers }));

// Connector status reads the outbox: start from an empty one, whatever ran before.
beforeEach(async () => {
  await resetDatabase();
  session.email = null;
  process.env.METRICS_TOKEN = TOKEN;
  resetEnvCache();
  const c = await db.customer.create({ data: { email: "h@example.com" } });
  await db.syncTask.create({
    data: {
      customerId: c.id,
      target: "crm",
      action: "crm.upsert_contact",
      idempotencyKey: "health-k",
      correlationId: "c",
      status: "dead",
      lastError: PROVIDER_BODY,
    },
  });
});
afterEach(() => {
  delete process.env.METRICS_TOKEN;
  resetEnvCache();
});

describe("GET /api/health", () => {
  it("answers the public up/down per component only: no provider error, reason or internals", async () => {
    const res = await health();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      status: "ok",
      database: { status: "ok" },
      executor: { status: "ok" },
      connectors: expect.arrayContaining([
        { target: "crm", status: "down" },
        { target: "email", status: expect.stringMatching(/^(up|down|off)$/) },
      ]),
    });
    const text = JSON.stringify(body);
    expect(text).not.toContain("pat-na1");
    expect(text).not.toContain("HUBSPOT_ACCESS_TOKEN");
    expect(text).not.toMatch(/postgres(ql)?:\/\//);
    // a wrong token is the public answer too
    expect(await (await health({ authorization: "Bearer nope" })).json()).toEqual(body);
  });

  it("gives the details (executor, connector configuration and last error) with the metrics token", async () => {
    const body = await (await health({ authorization: `Bearer ${TOKEN}` })).json();
    expect(body).toMatchObject({
      status: "ok",
      database: { status: "ok", latencyMs: expect.any(Number) },
      executor: { mode: "in-process" },
    });
    expect(body.executor.inProcess).toMatchObject({ queued: expect.any(Number), sweep: false });
    const targets = body.connectors.map((c: { target: string }) => c.target).sort();
    expect(targets).toEqual(["app", "crm", "email", "support"]);
    const crm = body.connectors.find((c: { target: string }) => c.target === "crm");
    expect(crm).toMatchObject({ configured: false, lastSuccessAt: null, dead: 1 });
    expect(crm.lastError.message).toBe(PROVIDER_BODY);
    expect(crm.notConfiguredReason).toMatch(/HUBSPOT_ACCESS_TOKEN/);
    const text = JSON.stringify(body);
    for (const secret of [
      process.env.NEXTAUTH_SECRET!,
      process.env.STRIPE_WEBHOOK_SECRET!,
      process.env.OPS_API_TOKEN!,
      process.env.HUBSPOT_CLIENT_SECRET!,
      TOKEN,
    ])
      expect(text).not.toContain(secret);
  });

  it("gives the details to a signed-in user, and not to an unknown session", async () => {
    session.email = "ghost@example.com";
    expect(JSON.stringify(await (await health()).json())).not.toContain("pat-na1");
    await db.user.create({ data: { email: "help@example.com", role: "staff" } });
    session.email = "help@example.com";
    const body = await (await health()).json();
    expect(body.executor.mode).toBe("in-process");
    expect(
      body.connectors.find((c: { target: string }) => c.target === "crm").lastError.message,
    ).toBe(PROVIDER_BODY);
  });
});
