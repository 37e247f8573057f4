import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { SECRET_CATALOG } from "@/lib/launch/checks/secret-catalog";
import { handoverConfig } from "@/lib/launch/config";
import { secretsChecks } from "@/lib/launch/checks/secrets";
import {
  HANDLED_STRIPE_EVENTS,
  stripeEndpointCheck,
  webhookFailuresCheck,
  zendeskWebhookCheck,
} from "@/lib/launch/checks/webhooks";
import { buildHandover, handoverMarkdown } from "@/lib/launch/handover/build-handover";
import { launchChecklist } from "@/lib/launch/queries";
import {
  runLaunchChecks,
  runScheduledLaunchChecks,
  type LaunchConfig,
} from "@/lib/launch/registry";
import { recordSecretRotation, secretRotations, ZRotationInput } from "@/lib/launch/rotation";
import { updateLaunchSettings, ZLaunchSettingsInput } from "@/lib/launch/settings";
import { storeCheckResults } from "@/lib/launch/store-results";
import type { CheckResult } from "@/lib/launch/types";
import { evaluateAlerts } from "@/lib/alerts/evaluate-alerts";
import { runNetworkChecks } from "@/lib/launch/checks/network";
import { startLaunchFixtures } from "@/fakes/launch/fixtures";
import { FakeStripeApi } from "@/fakes/stripe/api";
import { startFakeZendesk, type FakeZendesk } from "@/fakes/zendesk";
import { countAllRows, resetDatabase } from "@/test/db";

const PUBLIC = "https://ops.example.com";
let stripeApi: FakeStripeApi;
let stripe: Stripe;
let zendesk: FakeZendesk;

beforeAll(async () => {
  stripeApi = await FakeStripeApi.start();
  const u = new URL(stripeApi.url);
  stripe = new Stripe("sk_test_launch", {
    host: u.hostname,
    port: Number(u.port),
    protocol: "http",
    maxNetworkRetries: 0,
    telemetry: false,
  });
  zendesk = await startFakeZendesk({ email: "agent@example.com", apiToken: "zd-token-123" });
});
afterAll(async () => {
  await stripeApi.stop();
  await zendesk.stop();
});
beforeEach(async () => {
  await resetDatabase();
  stripeApi.reset();
  zendesk.clear();
});

const result = (key: string, state: CheckResult["state"], value?: number): CheckResult => ({
  key,
  area: "tls",
  title: key,
  state,
  observed: `${state} ${value ?? ""}`,
  why: "why",
  fix: state === "pass" ? null : "fix it",
  value,
});

describe("check storage and history", () => {
  it("moves 'last changed' only when the state changes, keeps every run for the sparkline, and drops keys a group no longer produces", async () => {
    const t0 = new Date("2026-12-01T00:00:00Z");
    const t1 = new Date("2026-12-01T00:15:00Z");
    const t2 = new Date("2026-12-01T00:30:00Z");
    await storeCheckResults(
      db,
      "g",
      [result("tls.expiry:a", "pass", 30), result("tls.expiry:b", "pass", 40)],
      t0,
    );
    await storeCheckResults(db, "g", [result("tls.expiry:a", "pass", 29)], t1);
    let a = await db.launchCheck.findUniqueOrThrow({ where: { key: "tls.expiry:a" } });
    expect(a.changedAt).toEqual(t0);
    expect(a.checkedAt).toEqual(t1);
    expect(await db.launchCheck.findUnique({ where: { key: "tls.expiry:b" } })).toBeNull();
    await storeCheckResults(db, "g", [result("tls.expiry:a", "warn", 20)], t2);
    a = await db.launchCheck.findUniqueOrThrow({ where: { key: "tls.expiry:a" } });
    expect(a.changedAt).toEqual(t2);
    const [tls] = (await launchChecklist(db)).filter((g) => g.area === "tls");
    expect(tls.items[0]).toMatchObject({
      key: "tls.expiry:a",
      state: "warn",
      history: [30, 29, 20],
    });
  });

  it("a group that throws keeps its previous results and says it could not run", async () => {
    const config: LaunchConfig = {
      publicBaseUrl: PUBLIC,
      nodeEnv: "production",
      source: {},
      stripe: null,
      zendesk: null,
      network: async () => {
        throw new Error("resolver unreachable");
      },
    };
    await storeCheckResults(db, "network", [result("tls.expiry:a", "pass", 30)], new Date());
    await runLaunchChecks(db, config, { groups: ["network"] });
    expect(await db.launchCheck.findUnique({ where: { key: "tls.expiry:a" } })).not.toBeNull();
    expect(
      await db.launchCheck.findUniqueOrThrow({ where: { key: "launch.group:network" } }),
    ).toMatchObject({
      state: "fail",
      observed: "resolver unreachable",
    });
    config.network = async () => [result("tls.expiry:a", "pass", 29)];
    await runLaunchChecks(db, config, { groups: ["network"] });
    expect(await db.launchCheck.findUnique({ where: { key: "launch.group:network" } })).toBeNull();
  });

  it("the schedule runs nothing until settings are saved, then once per interval however often it is called", async () => {
    const config = (): LaunchConfig => ({
      publicBaseUrl: PUBLIC,
      nodeEnv: "test",
      source: {},
      stripe: null,
      zendesk: null,
    });
    const now = new Date();
    expect(await runScheduledLaunchChecks(db, config, 15, now)).toEqual({
      skipped: expect.any(String),
    });
    expect(await db.launchCheck.count()).toBe(0);
    await updateLaunchSettings(
      db,
      ZLaunchSettingsInput.parse(settingsForm()),
      "founder@example.com",
    );
    const [first, second] = await Promise.all([
      runScheduledLaunchChecks(db, config, 15, now),
      runScheduledLaunchChecks(db, config, 15, now),
    ]);
    expect([first, second].filter((r) => "skipped" in r)).toHaveLength(1);
    expect(await db.launchCheck.count()).toBeGreaterThan(0);
    const later = new Date(now.getTime() + 16 * 60_000);
    expect(await runScheduledLaunchChecks(db, config, 15, later)).not.toHaveProperty("skipped");
  });
});

describe("network checks through the registry (15a's fixtures)", () => {
  it("stores domains, TLS, email and edge results with pass, warn and fail, and a near-expiry certificate alerts", async () => {
    const fx = await startLaunchFixtures();
    try {
      const net = {
        dnsServers: [fx.dnsServer],
        httpPort: fx.httpPort,
        httpsPort: fx.httpsPort,
        extraCaPem: fx.caPem,
        allowPrivate: true,
        timeoutMs: 3000,
      };
      const config: LaunchConfig = {
        publicBaseUrl: PUBLIC,
        nodeEnv: "test",
        source: {},
        stripe: null,
        zendesk: null,
        network: () => runNetworkChecks(fx.input, net),
      };
      await runLaunchChecks(db, config, { groups: ["network"] });
      const rows = await db.launchCheck.findMany({ where: { group: "network" } });
      const areas = new Set(rows.map((r) => r.area));
      for (const a of ["domains", "tls", "email", "edge"]) expect(areas).toContain(a);
      const states = new Set(rows.map((r) => r.state));
      for (const st of ["pass", "warn", "fail"]) expect(states).toContain(st);
      const expiring = rows.find((r) => r.key === "tls.expiry:expiring.broken.test");
      expect(expiring?.value).toBeLessThan(14);
      const { fired } = await evaluateAlerts(db, {
        channels: { timeoutMs: 1000 },
        only: ["cert_expiry"],
      });
      expect(fired).toEqual(
        expect.arrayContaining([expect.stringMatching(/:host:expiring\.broken\.test$/)]),
      );
    } finally {
      await fx.close();
    }
  });
});

const settingsForm = (over: Record<string, string> = {}) => ({
  productionDomain: "example.com",
  apiDomain: "api.example.com",
  dashboardDomain: "",
  productionUrl: "https://example.com/",
  dkimSelectors: "s1, google",
  ...over,
});

describe("launch settings", () => {
  it("are saved and audited with before and after", async () => {
    await updateLaunchSettings(
      db,
      ZLaunchSettingsInput.parse(settingsForm()),
      "founder@example.com",
    );
    await updateLaunchSettings(
      db,
      ZLaunchSettingsInput.parse(settingsForm({ apiDomain: "" })),
      "admin@example.com",
    );
    const row = await db.launchSettings.findUniqueOrThrow({ where: { id: "default" } });
    expect(row).toMatchObject({
      productionDomain: "example.com",
      apiDomain: null,
      dkimSelectors: ["s1", "google"],
      updatedBy: "admin@example.com",
    });
    const audits = await db.auditLog.findMany({
      where: { action: "launch.settings" },
      orderBy: { at: "asc" },
    });
    expect(audits).toHaveLength(2);
    expect(audits[1].before).toMatchObject({ apiDomain: "api.example.com" });
  });

  it("refuses a URL where a domain belongs, a URL with a password, and bad selectors, writing nothing", async () => {
    const before = await countAllRows();
    for (const bad of [
      settingsForm({ productionDomain: "https://example.com" }),
      settingsForm({ productionUrl: "https://user:pw@example.com/" }),
      settingsForm({ dkimSelectors: "s1; drop table" }),
    ])
      expect(ZLaunchSettingsInput.safeParse(bad).success).toBe(false);
    expect(await countAllRows()).toEqual(before);
  });
});

const endpoint = (over: Record<string, unknown>) => ({
  id: "we_1",
  object: "webhook_endpoint",
  url: `${PUBLIC}/api/webhooks/stripe`,
  status: "enabled",
  enabled_events: HANDLED_STRIPE_EVENTS,
  api_version: "2025-01-27.acacia",
  created: 1,
  livemode: false,
  ...over,
});

describe("webhook registration", () => {
  it("Stripe: passes with every handled event type, naming the API version", async () => {
    stripeApi.put("webhook_endpoints", endpoint({}));
    const r = await stripeEndpointCheck(stripe, PUBLIC);
    expect(r).toMatchObject({ state: "pass", value: 0 });
    expect(r.observed).toContain("2025-01-27.acacia");
    expect(stripeApi.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      "GET /v1/webhook_endpoints",
    ]);
  });

  it("Stripe: '*' counts as every event type", async () => {
    stripeApi.put("webhook_endpoints", endpoint({ enabled_events: ["*"], api_version: null }));
    expect(await stripeEndpointCheck(stripe, PUBLIC)).toMatchObject({ state: "pass" });
  });

  it("Stripe: lists the missing event types, and fails for no endpoint here or a disabled one", async () => {
    const missing = ["invoice.payment_failed", "charge.dispute.created"];
    stripeApi.put(
      "webhook_endpoints",
      endpoint({ enabled_events: HANDLED_STRIPE_EVENTS.filter((e) => !missing.includes(e)) }),
    );
    const partial = await stripeEndpointCheck(stripe, PUBLIC);
    expect(partial).toMatchObject({ state: "fail", value: 2 });
    for (const m of missing) expect(partial.fix).toContain(m);

    stripeApi.reset();
    stripeApi.put(
      "webhook_endpoints",
      endpoint({ url: "https://old.example.com/api/webhooks/stripe" }),
    );
    const elsewhere = await stripeEndpointCheck(stripe, PUBLIC);
    expect(elsewhere.state).toBe("fail");
    expect(elsewhere.fix).toContain(`${PUBLIC}/api/webhooks/stripe`);

    stripeApi.put("webhook_endpoints", endpoint({ id: "we_2", status: "disabled" }));
    expect((await stripeEndpointCheck(stripe, PUBLIC)).observed).toContain("disabled");
    expect(await stripeEndpointCheck(null, PUBLIC)).toMatchObject({ state: "not_configured" });
  });

  it("Zendesk: an active JSON POST webhook here with ticket events passes; inactive, missing or not configured do not", async () => {
    const api = { base: zendesk.url, email: "agent@example.com", apiToken: "zd-token-123" };
    zendesk.putWebhook({ id: "01A", endpoint: "https://elsewhere.example.com/hook" });
    expect(await zendeskWebhookCheck(api, PUBLIC)).toMatchObject({ state: "fail" });
    zendesk.putWebhook({
      id: "01B",
      endpoint: `${PUBLIC}/api/webhooks/zendesk`,
      status: "inactive",
    });
    expect((await zendeskWebhookCheck(api, PUBLIC)).observed).toContain("inactive");
    zendesk.putWebhook({
      id: "01B",
      endpoint: `${PUBLIC}/api/webhooks/zendesk`,
      subscriptions: ["zen:event-type:user.created"],
    });
    expect(await zendeskWebhookCheck(api, PUBLIC)).toMatchObject({ state: "fail" });
    zendesk.putWebhook({ id: "01B", endpoint: `${PUBLIC}/api/webhooks/zendesk` });
    expect(await zendeskWebhookCheck(api, PUBLIC)).toMatchObject({ state: "pass" });
    expect(await zendeskWebhookCheck({ ...api, apiToken: "wrong" }, PUBLIC)).toMatchObject({
      state: "fail",
    });
    expect(await zendeskWebhookCheck(null, PUBLIC)).toMatchObject({ state: "not_configured" });
  });

  it("failures: counts failed ledger events of the last 24 h only", async () => {
    const now = new Date();
    const row = (id: string, hoursAgo: number, status: "failed" | "processed") => ({
      source: "stripe" as const,
      externalId: id,
      type: "invoice.paid",
      occurredAt: now,
      receivedAt: new Date(now.getTime() - hoursAgo * 3_600_000),
      payload: {},
      status,
      correlationId: id,
    });
    await db.ledgerEvent.createMany({
      data: [row("evt_old", 30, "failed"), row("evt_ok", 1, "processed")],
    });
    expect(await webhookFailuresCheck(db, now)).toMatchObject({ state: "pass", value: 0 });
    await db.ledgerEvent.create({ data: row("evt_new", 2, "failed") });
    expect(await webhookFailuresCheck(db, now)).toMatchObject({ state: "fail", value: 1 });
  });
});

describe("secrets and environments", () => {
  const now = new Date("2026-12-04T00:00:00Z");
  const good = {
    DATABASE_URL: "postgresql://app:pw@db/app",
    NEXTAUTH_SECRET: "x".repeat(40),
    SMTP_URL: "smtp://mail:25",
    STRIPE_WEBHOOK_SECRET: "whsec_abc",
    OPS_API_TOKEN: "t".repeat(30),
  };
  const check = (source: Record<string, string>, nodeEnv = "production", rotations = new Map()) =>
    Object.fromEntries(secretsChecks({ source, nodeEnv, rotations, now }).map((r) => [r.key, r]));

  it("fails a missing or malformed required secret; an unset optional one is not configured", () => {
    const r = check({ ...good, NEXTAUTH_SECRET: "", STRIPE_WEBHOOK_SECRET: "nope" });
    expect(r["secrets.secret:NEXTAUTH_SECRET"].state).toBe("fail");
    expect(r["secrets.secret:STRIPE_WEBHOOK_SECRET"]).toMatchObject({ state: "fail" });
    expect(r["secrets.secret:HUBSPOT_CLIENT_SECRET"].state).toBe("not_configured");
    expect(r["secrets.previous:HUBSPOT_CLIENT_SECRET_PREVIOUS"].observed).toContain("is not set");
    expect(
      check({ ...good, ZENDESK_WEBHOOK_SECRET_PREVIOUS: "old-zendesk-secret" })[
        "secrets.previous:ZENDESK_WEBHOOK_SECRET_PREVIOUS"
      ].observed,
    ).toContain("rotation is in progress");
  });

  it("fails a test key in production and a live key in development", () => {
    const test = `sk_test_${"a".repeat(24)}`;
    const live = `sk_live_${"a".repeat(24)}`;
    expect(
      check({ ...good, STRIPE_SECRET_KEY: test }, "production")["secrets.stripe_mode"].state,
    ).toBe("fail");
    expect(
      check({ ...good, STRIPE_SECRET_KEY: live }, "production")["secrets.stripe_mode"].state,
    ).toBe("pass");
    expect(
      check({ ...good, STRIPE_SECRET_KEY: live }, "development")["secrets.stripe_mode"].state,
    ).toBe("fail");
    expect(
      check({ ...good, STRIPE_SECRET_KEY: test }, "development")["secrets.stripe_mode"].state,
    ).toBe("pass");
  });

  it("fails a secret-looking NEXT_PUBLIC_ variable by name, never showing its value", () => {
    const value = `sk_live_${"Q".repeat(24)}`;
    const r = check({ ...good, NEXT_PUBLIC_STRIPE: value, NEXT_PUBLIC_SITE_NAME: "Acme Launch" });
    const leak = r["secrets.next_public"];
    expect(leak).toMatchObject({ state: "fail", value: 1 });
    expect(leak.observed).toContain("NEXT_PUBLIC_STRIPE");
    expect(JSON.stringify(r)).not.toContain(value);
    expect(JSON.stringify(r)).not.toContain(good.NEXTAUTH_SECRET);
    expect(
      check({ ...good, NEXT_PUBLIC_SITE_NAME: "Acme Launch" })["secrets.next_public"].state,
    ).toBe("pass");
  });

  it("records rotation dates (audited), reminds after 90 days, and refuses a future date", async () => {
    await recordSecretRotation(
      db,
      ZRotationInput.parse({ name: "NEXTAUTH_SECRET", rotatedAt: "2026-11-01", owner: "Dana" }),
      "admin@example.com",
      now,
    );
    await recordSecretRotation(
      db,
      ZRotationInput.parse({ name: "OPS_API_TOKEN", rotatedAt: "2026-08-01" }),
      "admin@example.com",
      now,
    );
    await expect(
      recordSecretRotation(
        db,
        ZRotationInput.parse({ name: "OPS_API_TOKEN", rotatedAt: "2027-01-01" }),
        "admin@example.com",
        now,
      ),
    ).rejects.toThrow("future");
    expect(
      ZRotationInput.safeParse({ name: "NOT_A_SECRET", rotatedAt: "2026-11-01" }).success,
    ).toBe(false);
    const r = check(good, "production", await secretRotations(db));
    expect(r["secrets.secret:NEXTAUTH_SECRET"]).toMatchObject({ state: "pass", value: 33 });
    expect(r["secrets.secret:NEXTAUTH_SECRET"].observed).toContain("owner Dana");
    expect(r["secrets.secret:OPS_API_TOKEN"]).toMatchObject({ state: "warn", value: 125 });
    expect(r["secrets.secret:SMTP_URL"].state).toBe("warn");
    expect(await db.auditLog.count({ where: { action: "launch.secret_rotated" } })).toBe(2);
  });
});

describe("handover document", () => {
  it("lists domains, secrets by name with owners and dates, webhooks, alert routes and the runbook — never a value", async () => {
    await updateLaunchSettings(
      db,
      ZLaunchSettingsInput.parse(settingsForm()),
      "founder@example.com",
    );
    await recordSecretRotation(
      db,
      ZRotationInput.parse({
        name: "STRIPE_WEBHOOK_SECRET",
        rotatedAt: "2026-11-20",
        owner: "Sam",
      }),
      "admin@example.com",
    );
    vi.stubEnv("SMTP_URL", "smtp://mailer:hunter2-smtp-password@127.0.0.1:4800");
    vi.stubEnv(
      "ALERT_SLACK_WEBHOOK_URL",
      "https://hooks.slack.example/services/T000/B000/secretpath",
    );
    vi.stubEnv("ALERT_EMAIL_TO", "founder@example.com");
    resetEnvCache();
    const md = handoverMarkdown(await buildHandover(db, handoverConfig()));
    vi.unstubAllEnvs();
    resetEnvCache();
    for (const text of [
      "## Domains and DNS records",
      "api.example.com",
      "## Email setup",
      "s1, google",
      "SMTP server: 127.0.0.1:4800",
      "| STRIPE_WEBHOOK_SECRET | yes |",
      "Sam | 2026-11-20",
      "http://localhost:3999/api/webhooks/stripe",
      "configured (ALERT_SLACK_WEBHOOK_URL)",
      "founder@example.com",
      "## Runbook",
      "`uptime_down`",
    ])
      expect(md).toContain(text);
    const values = SECRET_CATALOG.map((s) => process.env[s.name]).filter((v): v is string => !!v);
    expect(values.length).toBeGreaterThan(3);
    for (const v of [...values, "hunter2-smtp-password", "secretpath"]) expect(md).not.toContain(v);
  });
});
