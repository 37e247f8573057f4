import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fixtureNetOptions,
  startLaunchFixtures,
  type LaunchFixtures,
} from "@/fakes/launch/fixtures";
import { checkApexWww, checkDomain } from "./domains";
import { createNetContext } from "./network-context";
import { isPrivateAddress } from "./network-http";
import type { CheckResult } from "../types";

let f: LaunchFixtures;
beforeAll(async () => {
  f = await startLaunchFixtures();
});
afterAll(() => f?.close());

const byKey = (rs: CheckResult[]) => Object.fromEntries(rs.map((r) => [r.key, r]));
const domain = async (host: string) =>
  byKey(await checkDomain(createNetContext(fixtureNetOptions(f)), host));
const pair = async (host: string) =>
  (await checkApexWww(createNetContext(fixtureNetOptions(f)), host))[0];

describe("domain checks against the fixture zones", () => {
  it("good zone: resolves, permanent redirect to HTTPS, preload-ready HSTS, CAA names the issuer", async () => {
    const r = await domain("good.test");
    expect(r["dns.resolve:good.test"].state).toBe("pass");
    expect(r["http.redirect:good.test"]).toMatchObject({ state: "pass", fix: null });
    expect(r["http.redirect:good.test"].observed).toContain("301 → https://good.test/");
    expect(r["http.hsts:good.test"]).toMatchObject({ state: "pass", value: 730 });
    expect(r["http.hsts:good.test"].observed).toContain("Preload-ready");
    expect(r["dns.caa:good.test"].state).toBe("pass");
    expect(r["dns.caa:good.test"].observed).toContain("Fixturesign Test CA");
    expect(await pair("good.test")).toMatchObject({ key: "dns.www:good.test", state: "pass" });
    expect(await pair("www.good.test")).toMatchObject({ key: "dns.www:good.test", state: "pass" });
  });

  it("borderline zone: a temporary redirect and a one-day HSTS are warnings; no CAA is fine", async () => {
    const r = await domain("borderline.test");
    expect(r["http.redirect:borderline.test"].state).toBe("warn");
    expect(r["http.redirect:borderline.test"].fix).toContain("301");
    expect(r["http.hsts:borderline.test"]).toMatchObject({ state: "warn", value: 1 });
    expect(r["http.hsts:borderline.test"].observed).toContain("Not preload-ready");
    expect(r["dns.caa:borderline.test"].state).toBe("pass");
    expect(r["dns.caa:borderline.test"].observed).toContain("any CA may issue");
  });

  it("broken zone: plain HTTP, no HSTS, CAA that leaves out the issuer, www elsewhere", async () => {
    const r = await domain("broken.test");
    expect(r["dns.resolve:broken.test"].state).toBe("pass");
    expect(r["http.redirect:broken.test"].state).toBe("fail");
    expect(r["http.redirect:broken.test"].observed).toContain("without redirecting to HTTPS");
    expect(r["http.hsts:broken.test"].state).toBe("fail");
    expect(r["http.hsts:broken.test"].fix).toContain("Strict-Transport-Security: max-age=31536000");
    expect(r["dns.caa:broken.test"].state).toBe("fail");
    expect(r["dns.caa:broken.test"].observed).toContain('issue "letsencrypt.org"');
    expect(r["dns.caa:broken.test"].fix).toContain('broken.test CAA 0 issue "fixturesign.');
    const www = await pair("broken.test");
    expect(www.state).toBe("warn");
    expect(www.observed).toContain("127.0.0.2");
  });

  it("a subdomain as production site expects no www variant", async () => {
    const r = await pair("api.good.test");
    expect(r).toMatchObject({ key: "dns.www:api.good.test", state: "pass" });
    expect(r.observed).toContain("no www variant is expected");
  });

  it("a name that does not exist fails with the record to add", async () => {
    const r = await domain("missing.broken.test");
    expect(r["dns.resolve:missing.broken.test"].state).toBe("fail");
    expect(r["dns.resolve:missing.broken.test"].observed).toContain("NXDOMAIN");
    expect(r["dns.resolve:missing.broken.test"].fix).toContain("missing.broken.test A");
    expect((await pair("missing.broken.test")).state).toBe("fail");
  });

  it("a redirect off the entered host is reported and never followed", async () => {
    const r = await domain("off.broken.test");
    expect(r["http.redirect:off.broken.test"].state).toBe("fail");
    expect(r["http.redirect:off.broken.test"].observed).toContain("elsewhere.example");
    expect(f.seen.dns.some((q) => q.startsWith("elsewhere.example"))).toBe(false);
  });

  it("a redirect loop stops after 5 hops", async () => {
    const before = f.seen.http.filter((u) => u.startsWith("loop.broken.test")).length;
    const r = await domain("loop.broken.test");
    expect(r["http.redirect:loop.broken.test"].state).toBe("fail");
    expect(r["http.redirect:loop.broken.test"].observed).toContain("more than 5 redirects");
    const after = f.seen.http.filter((u) => u.startsWith("loop.broken.test")).length;
    expect(after - before).toBe(6); // the first request and 5 followed hops
  });

  it("a redirect to an unparsable Location is a failure, not a crash", async () => {
    const r = await domain("badloc.broken.test");
    expect(r["http.redirect:badloc.broken.test"].state).toBe("fail");
    expect(r["http.redirect:badloc.broken.test"].observed).toContain("invalid URL");
  });

  it("private addresses are refused unless allowed", async () => {
    const ctx = createNetContext(fixtureNetOptions(f, { allowPrivate: false }));
    const http = f.seen.http.length;
    const r = byKey(await checkDomain(ctx, "good.test"));
    expect(r["dns.resolve:good.test"].state).toBe("fail");
    expect(r["dns.resolve:good.test"].observed).toContain("private address");
    expect(r["http.redirect:good.test"].state).toBe("fail");
    expect(f.seen.http.length).toBe(http);
  });

  it("isPrivateAddress knows the private, loopback and link-local ranges", () => {
    for (const ip of [
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.1",
      "192.168.1.1",
      "127.0.0.1",
      "169.254.1.1",
      "100.64.0.1",
      "::1",
      "fd00::1",
      "fe80::1",
      "::ffff:10.0.0.1",
    ])
      expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ["8.8.8.8", "172.32.0.1", "1.1.1.1", "2606:4700::1111"])
      expect(isPrivateAddress(ip), ip).toBe(false);
  });
});
