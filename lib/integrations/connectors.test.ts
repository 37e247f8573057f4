import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMailCapture } from "@/fakes/mail-capture";
import { loadEnv } from "@/lib/env";
import { startAppReceiver, type AppReceiver } from "@/fakes/app-receiver";
import { startFakeHubSpot, type FakeHubSpot } from "@/fakes/hubspot";
import { startFakeZendesk, type FakeZendesk } from "@/fakes/zendesk";
import { customerSnapshot, pastDueCustomer, syncTask, timeout } from "@/test/sync-fixtures";
import { createConnectors } from "@/lib/integrations/connectors";

const base = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/x",
  NEXTAUTH_URL: "http://localhost:3000",
  NEXTAUTH_SECRET: "x".repeat(32),
  SMTP_URL: "smtp://127.0.0.1:2525",
  STRIPE_WEBHOOK_SECRET: "whsec_test",
  OPS_API_TOKEN: "t".repeat(24),
};
const HUBSPOT_TOKEN = "pat-na1-secret-hubspot-token-123";
const ZENDESK_TOKEN = "zendesk-secret-api-token-456";
const APP_SECRET = `whsec_${randomBytes(32).toString("base64")}`;

describe("sync connector configuration", () => {
  it("with nothing set, every HTTP connector says which variable is missing", () => {
    const c = createConnectors(loadEnv(base));
    expect(c.crm.notConfiguredReason()).toBe("HUBSPOT_ACCESS_TOKEN is not set");
    expect(c.support.notConfiguredReason()).toMatch(
      /ZENDESK_SUBDOMAIN.*ZENDESK_EMAIL.*ZENDESK_API_TOKEN/,
    );
    expect(c.app.notConfiguredReason()).toBe("APP_WEBHOOK_URL is not set");
    expect(c.email.notConfiguredReason()).toBeNull();
    expect(Object.values(c).map((x) => x.target)).toEqual(["crm", "support", "email", "app"]);
  });

  it("not-configured reasons never contain a secret's value", () => {
    const c = createConnectors(
      loadEnv({ ...base, ZENDESK_API_TOKEN: ZENDESK_TOKEN, APP_WEBHOOK_SECRET: APP_SECRET }),
    );
    const reasons = Object.values(c).map((x) => x.notConfiguredReason() ?? "");
    expect(reasons.join(" ")).toMatch(/ZENDESK_SUBDOMAIN/);
    expect(reasons.join(" ")).toMatch(/APP_WEBHOOK_URL/);
    for (const r of reasons) {
      expect(r).not.toContain(ZENDESK_TOKEN);
      expect(r).not.toContain(APP_SECRET);
    }
  });

  it("parses ZENDESK_GROUP_RULES as JSON and defaults HUBSPOT_API_BASE", () => {
    const env = loadEnv({ ...base, ZENDESK_GROUP_RULES: '{"payment_failed":123,"default":789}' });
    expect(env.ZENDESK_GROUP_RULES).toEqual({ payment_failed: 123, default: 789 });
    expect(env.HUBSPOT_API_BASE).toBe("https://api.hubapi.com");
    expect(env.PRODUCT_NAME).toBe("Launch Ready");
  });

  it("names malformed connector variables without echoing their values", () => {
    const bad = {
      ...base,
      ZENDESK_GROUP_RULES: "{not json",
      APP_WEBHOOK_SECRET: "short-secret-value",
      ZENDESK_EMAIL: "nope",
    };
    let message = "";
    try {
      loadEnv(bad);
    } catch (e) {
      message = String(e);
    }
    expect(message).toMatch(/ZENDESK_GROUP_RULES: must be JSON/);
    expect(message).toMatch(/APP_WEBHOOK_SECRET: must be a Standard Webhooks secret/);
    expect(message).toMatch(/ZENDESK_EMAIL/);
    expect(message).not.toContain("short-secret-value");
    expect(() => loadEnv({ ...base, ZENDESK_GROUP_RULES: '{"dispute":"x"}' })).toThrow(
      /ZENDESK_GROUP_RULES/,
    );
  });
});

describe("createConnectors against the fakes", () => {
  let crm: FakeHubSpot;
  let zd: FakeZendesk;
  let app: AppReceiver;
  let mail: Awaited<ReturnType<typeof startMailCapture>>;

  beforeAll(async () => {
    crm = await startFakeHubSpot({ accessToken: HUBSPOT_TOKEN });
    zd = await startFakeZendesk({ email: "agent@acme.example", apiToken: ZENDESK_TOKEN });
    app = await startAppReceiver({ secret: APP_SECRET });
    mail = await startMailCapture({ smtpPort: 0 });
  });
  afterAll(async () => {
    await Promise.all([crm.stop(), zd.stop(), app.stop(), mail.stop()]);
  });

  it("runs one task per target end to end through the env's configuration", async () => {
    const env = loadEnv({
      ...base,
      SMTP_URL: mail.smtpUrl,
      HUBSPOT_ACCESS_TOKEN: HUBSPOT_TOKEN,
      HUBSPOT_API_BASE: crm.url,
      ZENDESK_API_BASE: zd.url,
      ZENDESK_EMAIL: "agent@acme.example",
      ZENDESK_API_TOKEN: ZENDESK_TOKEN,
      ZENDESK_GROUP_RULES: '{"default":42}',
      APP_WEBHOOK_URL: app.webhookUrl,
      APP_WEBHOOK_SECRET: APP_SECRET,
    });
    const c = createConnectors(env);
    for (const x of Object.values(c)) expect(x.notConfiguredReason()).toBeNull();

    const active = customerSnapshot();
    const pastDue = pastDueCustomer("in_9");
    await c.crm.perform(syncTask("crm.upsert_contact", {}), active, timeout());
    await c.email.perform(syncTask("email.welcome", {}), active, timeout());
    await c.support.perform(
      syncTask("support.open_ticket", { cause: "blocked", causeId: "b1" }),
      pastDue,
      timeout(),
    );
    await c.app.perform(
      syncTask("app.access_changed", {
        from: null,
        to: "active",
        reasons: [],
        changedAt: "2026-11-20T10:00:00Z",
      }),
      active,
      timeout(),
    );
    expect(crm.contacts()).toHaveLength(1);
    expect(mail.mails).toHaveLength(1);
    expect(zd.tickets()[0].group_id).toBe(42);
    expect(app.messages()).toHaveLength(1);
  });
});
