import { Resolver } from "node:dns/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDnsServer, type FixtureDnsServer } from "./dns-server";

let s: FixtureDnsServer;
let r: Resolver;
beforeAll(async () => {
  s = await startDnsServer({
    "a.test": {
      A: ["127.0.0.1"],
      AAAA: ["::1", "2001:db8::5"],
      NS: ["ns1.a.test"],
      MX: [{ priority: 10, exchange: "mx.a.test" }],
      TXT: ["v=spf1 -all", "k".repeat(700)],
      CAA: [{ tag: "issue", value: "fixturesign.test" }],
    },
    "www.a.test": { CNAME: "a.test" },
  });
  r = new Resolver({ timeout: 1000, tries: 1 });
  r.setServers([s.address]);
});
afterAll(() => s?.close());

const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: NodeJS.ErrnoException) => e.code,
  );

describe("fixture DNS server, read through node:dns", () => {
  it("answers every record type the checks ask for", async () => {
    expect(await r.resolve4("a.test")).toEqual(["127.0.0.1"]);
    expect(await r.resolve6("a.test")).toEqual(["::1", "2001:db8::5"]);
    expect(await r.resolveNs("a.test")).toEqual(["ns1.a.test"]);
    expect(await r.resolveMx("a.test")).toEqual([{ priority: 10, exchange: "mx.a.test" }]);
    expect(await r.resolveCaa("a.test")).toEqual([{ critical: 0, issue: "fixturesign.test" }]);
  });

  it("a TXT answer over 512 bytes arrives whole over TCP after truncation", async () => {
    const txt = (await r.resolveTxt("a.test")).map((chunks) => chunks.join(""));
    expect(txt).toContain("k".repeat(700));
  });

  it("follows a CNAME, and tells NXDOMAIN from NODATA", async () => {
    expect(await r.resolveCname("www.a.test")).toEqual(["a.test"]);
    expect(await r.resolve4("www.a.test")).toEqual(["127.0.0.1"]);
    expect(await code(r.resolve4("nope.a.test"))).toBe("ENOTFOUND");
    expect(await code(r.resolveSrv("a.test"))).toBe("ENODATA");
    expect(s.queries).toContain("nope.a.test 1");
  });
});
