import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fixtureNetOptions,
  startLaunchFixtures,
  type LaunchFixtures,
} from "@/fakes/launch/fixtures";
import { checkEmailAuth, dkimKey, sendingDomain } from "./email-auth";
import { parseSpf } from "./email-auth-spf";
import { createNetContext } from "./network-context";
import type { CheckResult } from "../types";

let f: LaunchFixtures;
beforeAll(async () => {
  f = await startLaunchFixtures();
});
afterAll(() => f?.close());

async function email(
  from: string | undefined,
  smtpHost?: string,
  dkimSelectors: string[] = ["s1"],
) {
  const rs = await checkEmailAuth(createNetContext(fixtureNetOptions(f)), {
    domains: {},
    emailFrom: from,
    smtpHost,
    dkimSelectors,
  });
  const map: Record<string, CheckResult> = Object.fromEntries(rs.map((r) => [r.key, r]));
  return map;
}

describe("email authentication against the fixture zones", () => {
  it("good: MX, one SPF within limits ending -all that covers the SMTP host, 2048-bit RSA and Ed25519 DKIM, enforcing DMARC", async () => {
    const r = await email("Launch Ready <hello@good.test>", "mx.good.test", ["s1", "s2"]);
    expect(r["email.mx:good.test"].state).toBe("pass");
    expect(r["email.spf:good.test"].state).toBe("pass");
    expect(r["email.spf-lookups:good.test"]).toMatchObject({ state: "pass", value: 2 });
    expect(r["email.spf-all:good.test"].state).toBe("pass");
    expect(r["email.spf-covers:good.test"].state).toBe("pass");
    expect(r["email.dkim:s1._domainkey.good.test"]).toMatchObject({ state: "pass", value: 2048 });
    expect(r["email.dkim:s2._domainkey.good.test"].state).toBe("pass");
    expect(r["email.dkim:s2._domainkey.good.test"].observed).toContain("Ed25519");
    expect(r["email.dmarc:good.test"].state).toBe("pass");
    expect(r["email.dmarc-rua:good.test"].state).toBe("pass");
    expect(r["email.dmarc-alignment:good.test"].state).toBe("pass");
    expect(Object.values(r).every((x) => x.fix === null)).toBe(true);
  });

  it("borderline: exactly 10 lookups passes, 1024-bit DKIM passes, p=none and unstated alignment warn", async () => {
    const r = await email("hello@borderline.test", "mx.borderline.test");
    expect(r["email.spf-lookups:borderline.test"]).toMatchObject({ state: "pass", value: 10 });
    expect(r["email.spf-all:borderline.test"].observed).toContain("~all");
    expect(r["email.spf-covers:borderline.test"].state).toBe("pass");
    expect(r["email.dkim:s1._domainkey.borderline.test"]).toMatchObject({
      state: "pass",
      value: 1024,
    });
    expect(r["email.dmarc:borderline.test"].state).toBe("warn");
    expect(r["email.dmarc-rua:borderline.test"].state).toBe("pass");
    expect(r["email.dmarc-alignment:borderline.test"].state).toBe("warn");
  });

  it("broken: no MX, two SPF records, a 512-bit DKIM key, a missing selector, p=none without rua", async () => {
    const r = await email("ops@broken.test", "mx.good.test", ["s1", "nope"]);
    expect(r["email.mx:broken.test"].state).toBe("fail");
    expect(r["email.spf:broken.test"].state).toBe("fail");
    expect(r["email.spf:broken.test"].observed).toContain("2 SPF records");
    expect(r["email.spf-lookups:broken.test"]).toBeUndefined();
    expect(r["email.dkim:s1._domainkey.broken.test"]).toMatchObject({ state: "fail", value: 512 });
    expect(r["email.dkim:nope._domainkey.broken.test"].state).toBe("fail");
    expect(r["email.dmarc:broken.test"].state).toBe("warn");
    expect(r["email.dmarc-rua:broken.test"].state).toBe("warn");
    expect(r["email.dmarc-rua:broken.test"].fix).toContain("rua=mailto:dmarc@broken.test");
  });

  it("more than 10 DNS lookups, counted through nested includes, fails", async () => {
    const r = await email("a@spf-deep.broken.test");
    expect(r["email.spf-lookups:spf-deep.broken.test"]).toMatchObject({ state: "fail", value: 11 });
  });

  it("+all fails; a syntax error fails and names the bad term", async () => {
    expect(
      (await email("a@spf-open.broken.test"))["email.spf-all:spf-open.broken.test"].state,
    ).toBe("fail");
    const typo = (await email("a@spf-typo.broken.test"))["email.spf:spf-typo.broken.test"];
    expect(typo.state).toBe("fail");
    expect(typo.observed).toContain('"ipv4:192.0.2.1"');
    expect(typo.observed).toContain('"include" needs a domain');
  });

  it("SPF that does not list the SMTP host fails with the ip4: to add; a listed address passes", async () => {
    const r = await email("a@spf-elsewhere.broken.test", "mx.good.test");
    expect(r["email.spf-covers:spf-elsewhere.broken.test"].state).toBe("fail");
    expect(r["email.spf-covers:spf-elsewhere.broken.test"].fix).toContain("ip4:127.0.0.1");
    const ok = await email("a@spf-elsewhere.broken.test", "192.0.2.25");
    expect(ok["email.spf-covers:spf-elsewhere.broken.test"].state).toBe("pass");
  });

  it("a subdomain without its own DMARC record inherits the organisational domain's", async () => {
    const good = (await email("a@news.good.test"))["email.dmarc:news.good.test"];
    expect(good.state).toBe("pass");
    expect(good.observed).toContain("inherited from good.test");
    const weak = (await email("a@x.spf-typo.broken.test"))["email.dmarc:x.spf-typo.broken.test"];
    expect(weak.state).toBe("warn");
    expect(weak.observed).toContain("inherited from broken.test");
  });

  it("missing inputs are not configured", async () => {
    expect((await email(undefined))["email.domain"].state).toBe("not_configured");
    const r = await email("a@good.test", undefined, []);
    expect(r["email.spf-covers:good.test"].state).toBe("not_configured");
    expect(r["email.dkim:good.test"].state).toBe("not_configured");
  });

  it("parses SPF terms and DKIM keys", () => {
    expect(
      parseSpf("v=spf1 ip4:10.0.0.0/8 ip6:2001:db8::/32 a:mail.x.com/24 mx redirect=_spf.x.com")
        .errors,
    ).toEqual([]);
    expect(parseSpf("v=spf1 ip4:300.1.1.1 all:x foo").errors).toHaveLength(3);
    expect(sendingDomain("Acme <Hello@Acme.COM>")).toBe("acme.com");
    expect(sendingDomain("not an address")).toBeNull();
    expect(dkimKey("rsa", "bm90IGEga2V5")).toMatchObject({ ok: false });
    expect(dkimKey("ed25519", Buffer.alloc(31).toString("base64"))).toMatchObject({ ok: false });
  });
});
