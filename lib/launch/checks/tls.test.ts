import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fixtureNetOptions,
  startLaunchFixtures,
  type LaunchFixtures,
} from "@/fakes/launch/fixtures";
import { createNetContext } from "./network-context";
import { checkTls } from "./tls";
import type { CheckResult } from "../types";

let f: LaunchFixtures;
beforeAll(async () => {
  f = await startLaunchFixtures();
});
afterAll(() => f?.close());

async function tls(host: string, overrides = {}) {
  const rs = await checkTls(createNetContext(fixtureNetOptions(f, overrides)), host);
  const get = (k: string) => rs.find((r) => r.key === `tls.${k}:${host}`) as CheckResult;
  return {
    chain: get("chain"),
    name: get("hostname"),
    expiry: get("expiry"),
    protocol: get("protocol"),
  };
}

describe("TLS checks against the fixture servers", () => {
  it("good: trusted chain, matching name, 79+ days left, TLS 1.2+ only", async () => {
    const t = await tls("good.test");
    expect(t.chain.state).toBe("pass");
    expect(t.name.state).toBe("pass");
    expect(t.expiry.state).toBe("pass");
    expect(t.expiry.value).toBeGreaterThanOrEqual(21);
    expect(t.protocol).toMatchObject({ state: "pass" });
    expect(t.protocol.observed).toContain("TLS 1.0 and 1.1 are refused");
  });

  it("the same certificate is untrusted when the test CA is not trusted", async () => {
    const t = await tls("good.test", { extraCaPem: undefined });
    expect(t.chain.state).toBe("fail");
    expect(t.name.state).toBe("pass");
  });

  it("borderline: expiry in under 21 days warns; TLS 1.0/1.1 still accepted warns", async () => {
    const t = await tls("borderline.test");
    expect(t.expiry.state).toBe("warn");
    expect(t.expiry.value).toBeGreaterThanOrEqual(7);
    expect(t.expiry.value).toBeLessThan(21);
    expect(t.protocol.state).toBe("warn");
    expect(t.protocol.observed).toContain("TLS 1.0");
    expect(t.protocol.fix).toContain("Minimum TLS Version 1.2");
  });

  it("under 7 days to expiry fails", async () => {
    const t = await tls("expiring.broken.test");
    expect(t.chain.state).toBe("pass");
    expect(t.expiry.state).toBe("fail");
    expect(t.expiry.value).toBeLessThan(7);
    expect(t.expiry.value).toBeGreaterThanOrEqual(0);
  });

  it("an expired certificate fails the chain and the expiry", async () => {
    const t = await tls("broken.test");
    expect(t.chain.state).toBe("fail");
    expect(t.chain.observed).toContain("expired");
    expect(t.expiry.state).toBe("fail");
    expect(t.expiry.value).toBeLessThan(0);
  });

  it("a certificate for another name fails the name check only", async () => {
    const t = await tls("api.broken.test");
    expect(t.chain.state).toBe("pass");
    expect(t.name.state).toBe("fail");
    expect(t.name.observed).toContain("elsewhere.test");
  });

  it("a self-signed certificate fails the chain", async () => {
    const t = await tls("app.broken.test");
    expect(t.chain.state).toBe("fail");
    expect(t.chain.observed).toContain("self-signed");
  });

  it("a TLS 1.0-only server fails the protocol check, its certificate is still read", async () => {
    const t = await tls("legacy.broken.test");
    expect(t.protocol.state).toBe("fail");
    expect(t.protocol.observed).toContain("TLS 1.0");
    expect(t.name.state).toBe("pass");
  });

  it("a host that does not resolve fails all four with the reason", async () => {
    const t = await tls("missing.broken.test");
    for (const r of [t.chain, t.name, t.expiry, t.protocol]) {
      expect(r.state).toBe("fail");
      expect(r.observed).toContain("does not resolve");
    }
  });
});
