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
});
