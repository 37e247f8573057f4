import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadEnv } from "@/lib/env";
import { TEST_ENV } from "@/test/test-env";
import { resetDatabase } from "@/test/db";
import { createConnectors } from "@/lib/integrations/connectors";
import { connectorHealth } from "./connector-health";

beforeEach(resetDatabase);

describe("connector health", () => {
  it("says configured or which variable is missing, with last success and error, never a secret's value", async () => {
    const secret = "pat-na1-super-secret-value-123";
    const env = loadEnv({ ...TEST_ENV, HUBSPOT_ACCESS_TOKEN: secret });
    const c = await db.customer.create({ data: { email: "c@example.com" } });
    const at = new Date("2026-11-01T00:00:00Z");
    await db.syncTask.create({
      data: {
        customerId: c.id,
        target: "crm",
        action: "crm.upsert_contact",
        idempotencyKey: "k1",
        correlationId: "c1",
        status: "succeeded",
        lastSuccessAt: at,
      },
    });
    await db.syncTask.create({
      data: {
        customerId: c.id,
        target: "support",
        action: "support.open_ticket",
        idempotencyKey: "k2",
        correlationId: "c2",
        status: "failed",
        lastError: "Zendesk answered 503",
      },
    });
    const status = await connectorHealth(db, createConnectors(env));
    const crm = status.find((s) => s.target === "crm")!;
    const support = status.find((s) => s.target === "support")!;
    expect(crm).toMatchObject({
      configured: true,
      notConfiguredReason: null,
      lastSuccessAt: at.toISOString(),
    });
    expect(support.configured).toBe(false);
    expect(support.notConfiguredReason).toMatch(/ZENDESK/);
    expect(support.lastError?.message).toBe("Zendesk answered 503");
    expect(JSON.stringify(status)).not.toContain(secret);
  });

  it("the last error is the newest standing failure (failed or dead), not a skipped task's reason", async () => {
    const env = loadEnv(TEST_ENV);
    const c = await db.customer.create({ data: { email: "d@example.com" } });
    const task = (key: string, status: "dead" | "skipped", lastError: string) =>
      db.syncTask.create({
        data: {
          customerId: c.id,
          target: "email",
          action: "email.welcome",
          idempotencyKey: key,
          correlationId: key,
          status,
          lastError,
        },
      });
    await task("d1", "dead", "SMTP answered 550");
    await task("s1", "skipped", "refused: access is not active");
    const email = (await connectorHealth(db, createConnectors(env))).find(
      (s) => s.target === "email",
    )!;
    expect(email.lastError).toMatchObject({ message: "SMTP answered 550", status: "dead" });
    expect(email.dead).toBe(1);
  });
});
