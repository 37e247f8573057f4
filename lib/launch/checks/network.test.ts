import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  fixtureNetOptions,
  startLaunchFixtures,
  type LaunchFixtures,
} from "@/fakes/launch/fixtures";
import { resetEnvCache } from "@/lib/env";
import { netOptionsFromEnv, normalizeHost, runNetworkChecks } from "./network";

let f: LaunchFixtures;
beforeAll(async () => {
  f = await startLaunchFixtures();
});
afterAll(() => f?.close());

describe("runNetworkChecks", () => {
  it("the fixtures' mixed setup gives pass, warn and fail results, each key once, every non-pass with a fix", async () => {
    const rs = await runNetworkChecks(f.input, fixtureNetOptions(f));
    const states = new Set(rs.map((r) => r.state));
    expect(states).toEqual(new Set(["pass", "warn", "fail"]));
    expect(new Set(rs.map((r) => r.key)).size).toBe(rs.length);
    expect(new Set(rs.map((r) => r.area))).toEqual(new Set(["domains", "tls", "email", "edge"]));
    for (const r of rs) {
      expect(r.observed.length, r.key).toBeGreaterThan(10);
      expect(r.why.length, r.key).toBeGreaterThan(10);
      if (r.state === "pass") expect(r.fix, r.key).toBeNull();
      else expect(r.fix, r.key).toBeTruthy();
    }
    const byKey = Object.fromEntries(rs.map((r) => [r.key, r.state]));
    expect(byKey["tls.expiry:good.test"]).toBe("pass");
    expect(byKey["tls.expiry:api.borderline.test"]).toBe("warn");
    expect(byKey["tls.expiry:expiring.broken.test"]).toBe("fail");
    expect(byKey["dns.www:good.test"]).toBe("pass");
    expect(byKey["dns.www:api.borderline.test"]).toBeUndefined(); // www/apex only for the production site
  });

  it("nothing entered: every input is not configured and nothing is contacted", async () => {
    const dns = f.seen.dns.length;
    const rs = await runNetworkChecks({ domains: {}, dkimSelectors: [] }, fixtureNetOptions(f));
    expect(rs.map((r) => r.state)).toEqual(rs.map(() => "not_configured"));
    expect(rs.map((r) => r.key).sort()).toEqual(
      [
        "domain.configured:api",
        "domain.configured:dashboard",
        "domain.configured:production",
        "edge.headers",
        "email.domain",
      ].sort(),
    );
    expect(f.seen.dns.length).toBe(dns);
  });

  it("a dead resolver gives failures, not an exception", async () => {
    const rs = await runNetworkChecks(
      { domains: { production: "good.test" }, emailFrom: "a@good.test", dkimSelectors: ["s1"] },
      fixtureNetOptions(f, { dnsServers: ["127.0.0.1:4719"], timeoutMs: 400 }),
    );
    expect(rs.find((r) => r.key === "dns.resolve:good.test")?.state).toBe("fail");
    expect(rs.find((r) => r.key === "email.spf:good.test")?.state).toBe("fail");
    expect(rs.some((r) => r.state === "pass" && r.area !== "edge")).toBe(false);
  });

  it("a malformed domain fails with what to enter", async () => {
    const rs = await runNetworkChecks(
      { domains: { api: "not a domain" }, dkimSelectors: [] },
      fixtureNetOptions(f),
    );
    expect(rs.find((r) => r.key === "domain.configured:api")?.state).toBe("fail");
    expect(normalizeHost("https://App.Example.com/x")).toBe("app.example.com");
  });
});

describe("netOptionsFromEnv", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    resetEnvCache();
  });

  it("defaults to the system resolver, ports 80/443 and no private addresses", () => {
    resetEnvCache();
    expect(netOptionsFromEnv()).toMatchObject({
      dnsServers: undefined,
      httpPort: 80,
      httpsPort: 443,
      allowPrivate: false,
      extraCaPem: undefined,
    });
  });

  it("reads LAUNCH_* variables, including the extra CA file", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "lr-ca-")), "ca.pem");
    writeFileSync(file, f.caPem);
    Object.assign(process.env, {
      LAUNCH_DNS_SERVERS: "127.0.0.1:5353, [::1]:5353",
      LAUNCH_HTTP_PORT: "8080",
      LAUNCH_HTTPS_PORT: "8443",
      LAUNCH_ALLOW_PRIVATE: "1",
      LAUNCH_EXTRA_CA_FILE: file,
    });
    resetEnvCache();
    expect(netOptionsFromEnv()).toMatchObject({
      dnsServers: ["127.0.0.1:5353", "[::1]:5353"],
      httpPort: 8080,
      httpsPort: 8443,
      allowPrivate: true,
      extraCaPem: f.caPem,
    });
  });

  it("names an unreadable or non-PEM CA file", () => {
    process.env.LAUNCH_EXTRA_CA_FILE = "/nonexistent/ca.pem";
    resetEnvCache();
    expect(() => netOptionsFromEnv()).toThrow(/LAUNCH_EXTRA_CA_FILE: cannot read/);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "lr-ca-")), "ca.pem");
    writeFileSync(file, "not a certificate");
    process.env.LAUNCH_EXTRA_CA_FILE = file;
    resetEnvCache();
    expect(() => netOptionsFromEnv()).toThrow(/holds no PEM certificate/);
  });

  it("rejects a malformed resolver list", () => {
    process.env.LAUNCH_DNS_SERVERS = "127.0.0.1:53; rm -rf";
    resetEnvCache();
    expect(() => netOptionsFromEnv()).toThrow(/LAUNCH_DNS_SERVERS/);
  });
});
