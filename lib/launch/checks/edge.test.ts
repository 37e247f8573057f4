import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fixtureNetOptions,
  startLaunchFixtures,
  type LaunchFixtures,
} from "@/fakes/launch/fixtures";
import { checkEdgeProxy, checkSecurityHeaders, gradeSecurityHeaders } from "./edge";
import { createNetContext } from "./network-context";

let f: LaunchFixtures;
beforeAll(async () => {
  f = await startLaunchFixtures();
});
afterAll(() => f?.close());

const ctx = () => createNetContext(fixtureNetOptions(f));
const proxy = async (host: string) => (await checkEdgeProxy(ctx(), host))[0];
const headers = async (url?: string, host: string | null = null) =>
  (await checkSecurityHeaders(ctx(), url, host))[0];

describe("edge checks against the fixture servers", () => {
  it("good is behind Cloudflare (cf-ray and nameservers)", async () => {
    const r = await proxy("good.test");
    expect(r.state).toBe("pass");
    expect(r.observed).toContain("Cloudflare");
    expect(r.observed).toContain("cf-ray");
  });

  it("nameservers at Cloudflare but traffic not through it warns", async () => {
    const r = await proxy("borderline.test");
    expect(r.state).toBe("warn");
    expect(r.fix).toContain("orange cloud");
  });

  it("a host served directly passes as plain information", async () => {
    const r = await proxy("broken.test");
    expect(r.state).toBe("pass");
    expect(r.observed).toContain("directly");
  });

  it("security headers: good is A, borderline C, broken F", async () => {
    expect(await headers("https://good.test/")).toMatchObject({
      key: "edge.headers:good.test",
      state: "pass",
      value: 5,
    });
    const c = await headers("https://borderline.test/");
    expect(c).toMatchObject({ state: "warn", value: 3 });
    expect(c.observed).toContain("Grade C");
    expect(c.fix).toContain("Content-Security-Policy:");
    const fGrade = await headers(undefined, "broken.test");
    expect(fGrade).toMatchObject({ key: "edge.headers:broken.test", state: "fail", value: 0 });
    expect(fGrade.observed).toContain("Grade F");
  });

  it("follows a redirect within the www/apex pair, refuses one off the host", async () => {
    expect(await headers("https://www.good.test/")).toMatchObject({ state: "pass", value: 5 });
    const off = await headers("https://off.broken.test/");
    expect(off.state).toBe("fail");
    expect(off.observed).toContain("off the entered host");
  });

  it("no production URL or domain is not configured", async () => {
    expect((await headers(undefined, null)).state).toBe("not_configured");
  });

  it("grades frame-ancestors in the CSP like X-Frame-Options", () => {
    expect(
      gradeSecurityHeaders({ "content-security-policy": "frame-ancestors 'self'" }).present,
    ).toEqual(["Content-Security-Policy", "frame-ancestors or X-Frame-Options"]);
    expect(gradeSecurityHeaders({}).grade).toBe("F");
  });
});
