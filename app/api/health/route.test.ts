import { beforeEach, describe, expect, it } from "vitest";
import { resetDatabase } from "@/test/db";
import { GET } from "./route";

// Connector status reads the outbox: start from an empty one, whatever ran before.
beforeEach(resetDatabase);

describe("GET /api/health", () => {
  it("reports the database as ok and the executor mode, without secrets", async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      status: "ok",
      database: { status: "ok" },
      executor: { mode: "in-process" },
    });
    expect(JSON.stringify(body)).not.toMatch(/postgres(ql)?:\/\//);
  });

  it("reports the in-process executor and every connector's configuration, without secret values", async () => {
    const body = await (await GET()).json();
    expect(body.executor.inProcess).toMatchObject({ queued: expect.any(Number), sweep: false });
    const targets = body.connectors.map((c: { target: string }) => c.target).sort();
    expect(targets).toEqual(["app", "crm", "email", "support"]);
    const crm = body.connectors.find((c: { target: string }) => c.target === "crm");
    expect(crm).toMatchObject({ configured: false, lastSuccessAt: null, lastError: null });
    expect(crm.notConfiguredReason).toMatch(/HUBSPOT_ACCESS_TOKEN/);
    const text = JSON.stringify(body);
    for (const secret of [
      process.env.NEXTAUTH_SECRET!,
      process.env.STRIPE_WEBHOOK_SECRET!,
      process.env.OPS_API_TOKEN!,
      process.env.HUBSPOT_CLIENT_SECRET!,
    ])
      expect(text).not.toContain(secret);
  });
});
