import { describe, expect, it } from "vitest";
import { loadEnv } from "./env";

const valid = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/x",
  NEXTAUTH_URL: "http://localhost:3000",
  NEXTAUTH_SECRET: "x".repeat(32),
  SMTP_URL: "smtp://127.0.0.1:2525",
  STRIPE_WEBHOOK_SECRET: "whsec_test",
  OPS_API_TOKEN: "t".repeat(24),
};

describe("loadEnv", () => {
  it("accepts a complete configuration and applies defaults", () => {
    const env = loadEnv(valid);
    expect(env.DEMO_MODE).toBe(false);
    expect(env.INNGEST_SEND_TIMEOUT_MS).toBe(3000);
  });

  it("has the access policy numbers as configuration with issue 3's defaults", () => {
    const env = loadEnv(valid);
    expect(env.PAST_DUE_GRACE_DAYS).toBe(3);
    expect(env.REQUIRE_IDENTITY_VERIFICATION).toBe(false);
    expect(env.STRIPE_API_TIMEOUT_MS).toBe(8000);
    expect(env.DRIFT_CHECK_INTERVAL_HOURS).toBe(24);
    const custom = loadEnv({
      ...valid,
      PAST_DUE_GRACE_DAYS: "7",
      REQUIRE_IDENTITY_VERIFICATION: "1",
    });
    expect(custom.PAST_DUE_GRACE_DAYS).toBe(7);
    expect(custom.REQUIRE_IDENTITY_VERIFICATION).toBe(true);
    expect(() => loadEnv({ ...valid, STRIPE_API_BASE: "not a url" })).toThrowError(
      /STRIPE_API_BASE/,
    );
  });

  it("names every missing variable in one error", () => {
    const { DATABASE_URL: _d, OPS_API_TOKEN: _o, ...rest } = valid;
    expect(() => loadEnv(rest)).toThrowError(
      /DATABASE_URL[\s\S]*OPS_API_TOKEN|OPS_API_TOKEN[\s\S]*DATABASE_URL/,
    );
  });

  it("names a malformed variable and says what is expected", () => {
    expect(() => loadEnv({ ...valid, STRIPE_WEBHOOK_SECRET: "sk_live_oops" })).toThrowError(
      /STRIPE_WEBHOOK_SECRET: must start with whsec_/,
    );
  });

  it("never echoes a secret's value in the error", () => {
    try {
      loadEnv({ ...valid, NEXTAUTH_SECRET: "short-secret-value" });
      expect.unreachable();
    } catch (e) {
      expect(String(e)).toContain("NEXTAUTH_SECRET");
      expect(String(e)).not.toContain("short-secret-value");
    }
  });

  it("leaves the inbound webhook secrets optional, with HubSpot's API base defaulted", () => {
    const env = loadEnv(valid);
    expect(env.HUBSPOT_CLIENT_SECRET).toBeUndefined();
    expect(env.ZENDESK_WEBHOOK_SECRET).toBeUndefined();
    expect(env.APP_INBOUND_WEBHOOK_SECRET).toBeUndefined();
    expect(env.HUBSPOT_API_BASE).toBe("https://api.hubapi.com");
  });

  it("names a malformed app webhook secret", () => {
    expect(() => loadEnv({ ...valid, APP_INBOUND_WEBHOOK_SECRET: "plain-secret" })).toThrowError(
      /APP_INBOUND_WEBHOOK_SECRET: must be whsec_/,
    );
  });

  it("refuses an app webhook secret that is whsec_ but not base64 of at least 24 bytes, naming it", () => {
    const short = `whsec_${Buffer.alloc(23, 7).toString("base64")}`;
    for (const bad of [
      short,
      "whsec_abc",
      "whsec_not*base64*at*all*but*long*enough*xx",
      "whsec_",
    ]) {
      expect(() => loadEnv({ ...valid, APP_INBOUND_WEBHOOK_SECRET: bad })).toThrowError(
        /APP_INBOUND_WEBHOOK_SECRET: must be whsec_ followed by base64 of at least 24 bytes/,
      );
    }
    const ok = `whsec_${Buffer.alloc(24, 7).toString("base64")}`;
    expect(loadEnv({ ...valid, APP_INBOUND_WEBHOOK_SECRET: ok }).APP_INBOUND_WEBHOOK_SECRET).toBe(
      ok,
    );
  });

  it("in production, refuses INNGEST_EVENT_KEY without INNGEST_SIGNING_KEY (webhooks would answer 200 while nothing runs)", () => {
    const prod = { ...valid, NODE_ENV: "production", INNGEST_EVENT_KEY: "evt-key" };
    expect(() => loadEnv(prod)).toThrowError(
      /INNGEST_SIGNING_KEY: required in production when INNGEST_EVENT_KEY is set/,
    );
    expect(loadEnv({ ...prod, INNGEST_SIGNING_KEY: "signkey-prod-1" }).INNGEST_SIGNING_KEY).toBe(
      "signkey-prod-1",
    );
    // Outside production (tests, the dev server) the event key alone is fine.
    expect(loadEnv({ ...prod, NODE_ENV: "development" }).INNGEST_EVENT_KEY).toBe("evt-key");
  });

  it("accepts a previous webhook secret per source during a rotation, validated like the current one", () => {
    const app = (n: number) => `whsec_${Buffer.alloc(32, n).toString("base64")}`;
    const env = loadEnv({
      ...valid,
      HUBSPOT_CLIENT_SECRET: "hubspot-new-secret",
      HUBSPOT_CLIENT_SECRET_PREVIOUS: "hubspot-old-secret",
      ZENDESK_WEBHOOK_SECRET: "zendesk-new-secret",
      ZENDESK_WEBHOOK_SECRET_PREVIOUS: "zendesk-old-secret",
      APP_INBOUND_WEBHOOK_SECRET: app(1),
      APP_INBOUND_WEBHOOK_SECRET_PREVIOUS: app(2),
    });
    expect(env.HUBSPOT_CLIENT_SECRET_PREVIOUS).toBe("hubspot-old-secret");
    expect(env.APP_INBOUND_WEBHOOK_SECRET_PREVIOUS).toBe(app(2));
    expect(() =>
      loadEnv({
        ...valid,
        APP_INBOUND_WEBHOOK_SECRET: app(1),
        APP_INBOUND_WEBHOOK_SECRET_PREVIOUS: "whsec_abc",
      }),
    ).toThrowError(/APP_INBOUND_WEBHOOK_SECRET_PREVIOUS: must be whsec_/);
    // A previous secret without a current one is a half-done rotation.
    expect(() =>
      loadEnv({ ...valid, ZENDESK_WEBHOOK_SECRET_PREVIOUS: "zendesk-old-secret" }),
    ).toThrowError(
      /ZENDESK_WEBHOOK_SECRET_PREVIOUS: set only together with ZENDESK_WEBHOOK_SECRET/,
    );
  });
});
