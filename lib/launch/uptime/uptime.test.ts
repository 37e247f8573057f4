import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { evaluateAlerts } from "@/lib/alerts/evaluate-alerts";
import { db } from "@/lib/db";
import { storeCheckResults } from "@/lib/launch/store-results";
import { isPrivateAddress, probeUrl } from "@/lib/launch/uptime/probe";
import { runUptimeProbes } from "@/lib/launch/uptime/run-uptime-probes";
import { uptimeStats } from "@/lib/launch/uptime/stats";
import { resetDatabase } from "@/test/db";

let server: Server;
let base: string;
const open = { allowPrivate: true, timeoutMs: 3000 };

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const hop = Number(url.searchParams.get("hop") ?? 0);
    if (url.pathname === "/ok") return res.end("<h1>Welcome to Acme</h1>");
    if (url.pathname === "/error") return res.writeHead(503).end("maintenance");
    if (url.pathname === "/away")
      return res.writeHead(302, { location: "http://evil.example/" }).end();
    if (url.pathname === "/hops")
      return res.writeHead(302, { location: `/hops?hop=${hop + 1}` }).end();
    if (url.pathname === "/two-hops")
      return res.writeHead(301, { location: hop < 2 ? `/two-hops?hop=${hop + 1}` : "/ok" }).end();
    if (url.pathname === "/slow") return setTimeout(() => res.end("late"), 2000);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));
beforeEach(resetDatabase);

describe("probeUrl", () => {
  it("is up with a 2xx that contains the keyword, and says why it is down otherwise", async () => {
    expect(await probeUrl(`${base}/ok`, { ...open, keyword: "Welcome" })).toMatchObject({
      up: true,
      status: 200,
    });
    expect(await probeUrl(`${base}/ok`, { ...open, keyword: "Pricing" })).toMatchObject({
      up: false,
      error: 'keyword "Pricing" not found in the page',
    });
    expect(await probeUrl(`${base}/error`, open)).toMatchObject({
      up: false,
      status: 503,
      error: "HTTP 503",
    });
    expect((await probeUrl(`${base}/slow`, { ...open, timeoutMs: 300 })).error).toContain(
      "timed out",
    );
  });

  it("follows redirects on the entered host up to 5 hops, never off it", async () => {
    expect(await probeUrl(`${base}/two-hops`, { ...open, keyword: "Acme" })).toMatchObject({
      up: true,
    });
    expect((await probeUrl(`${base}/hops`, open)).error).toBe("more than 5 redirects");
    expect((await probeUrl(`${base}/away`, open)).error).toBe(
      "redirects off the entered host to evil.example (not followed)",
    );
  });

  it("refuses loopback and private addresses unless allowed", async () => {
    const r = await probeUrl(`${base}/ok`, { allowPrivate: false, timeoutMs: 3000 });
    expect(r.up).toBe(false);
    expect(r.error).toContain("private address (127.0.0.1)");
    for (const a of [
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "::1",
      "fd00::1",
      "::ffff:127.0.0.1",
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ["93.184.216.34", "2606:4700::1111"])
      expect(isPrivateAddress(a), a).toBe(false);
  });

  it("reads the certificate's expiry on HTTPS", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "uptime-tls-"));
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "10",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        path.join(dir, "key.pem"),
        "-out",
        path.join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    const cert = readFileSync(path.join(dir, "cert.pem"), "utf8");
    const tls = createHttpsServer({ key: readFileSync(path.join(dir, "key.pem")), cert }, (_q, s) =>
      s.end("ok"),
    );
    await new Promise<void>((r) => tls.listen(0, "127.0.0.1", r));
    try {
      const url = `https://127.0.0.1:${(tls.address() as AddressInfo).port}/`;
      const untrusted = await probeUrl(url, open);
      expect(untrusted.up).toBe(false);
      const trusted = await probeUrl(url, { ...open, ca: cert });
      expect(trusted.up).toBe(true);
      const days = (trusted.certExpiresAt!.getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(9);
      expect(days).toBeLessThan(11);
    } finally {
      await new Promise((r) => tls.close(r));
    }
  });
});

describe("uptime history, stats and alerts", () => {
  const channels = { timeoutMs: 1000 };

  it("probes each URL once a minute however many runs overlap, and stores the history", async () => {
    await db.uptimeTarget.create({
      data: { url: `${base}/ok`, keyword: "Acme", createdBy: "f@example.com" },
    });
    const now = new Date();
    const runs = await Promise.all([
      runUptimeProbes(db, open, now),
      runUptimeProbes(db, open, now),
    ]);
    expect(runs.map((r) => r.probed).sort()).toEqual([0, 1]);
    expect(await runUptimeProbes(db, open, new Date(now.getTime() + 30_000))).toEqual({
      probed: 0,
      down: 0,
    });
    expect(await runUptimeProbes(db, open, new Date(now.getTime() + 60_000))).toEqual({
      probed: 1,
      down: 0,
    });
    expect(await db.uptimeProbe.count()).toBe(2);
  });

  it("uptime % and p95 latency over 24 h, 7 d and 30 d", async () => {
    const now = new Date();
    const t = await db.uptimeTarget.create({
      data: { url: "https://acme.example/", createdBy: "f@example.com" },
    });
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
    const probes = [
      ...Array.from({ length: 20 }, (_, i) => ({
        at: hoursAgo(1 + i / 60),
        up: true,
        latencyMs: 100 + i,
      })),
      { at: hoursAgo(2), up: false, latencyMs: null },
      { at: hoursAgo(3 * 24), up: false, latencyMs: null },
      { at: hoursAgo(20 * 24), up: true, latencyMs: 900 },
    ];
    await db.uptimeProbe.createMany({ data: probes.map((p) => ({ ...p, targetId: t.id })) });
    const [s] = await uptimeStats(db, now);
    expect(s.ranges["24h"]).toEqual({ uptime: 20 / 21, p95LatencyMs: 118, probes: 21 });
    expect(s.ranges["7d"]).toMatchObject({ uptime: 20 / 22, probes: 22 });
    expect(s.ranges["30d"]).toMatchObject({ uptime: 21 / 23, probes: 23, p95LatencyMs: 119 });
    expect(s.series["30d"].length).toBe(3);
  });

  it("'down for 2 consecutive checks' fires once on the second down probe and resolves when it is back", async () => {
    const t = await db.uptimeTarget.create({
      data: { url: "https://acme.example/", createdBy: "f@example.com" },
    });
    const at = (m: number) => new Date(Date.UTC(2026, 11, 4, 0, m));
    const probe = (m: number, up: boolean) =>
      db.uptimeProbe.create({
        data: { targetId: t.id, at: at(m), up, error: up ? null : "HTTP 503" },
      });
    const evaluate = () => evaluateAlerts(db, { channels, only: ["uptime_down"] });
    await probe(0, true);
    await probe(1, false);
    expect((await evaluate()).fired).toEqual([]);
    await probe(2, false);
    expect((await evaluate()).fired).toHaveLength(1);
    await probe(3, false);
    expect((await evaluate()).fired).toEqual([]);
    const alert = await db.alert.findFirstOrThrow();
    expect(alert.detail).toContain("down for 3 consecutive check(s) (HTTP 503)");
    await probe(4, true);
    expect((await evaluate()).resolved).toHaveLength(1);
  });

  it("'certificate expires in < 14 days' fires for a certificate with 10 days left, not for one with 30", async () => {
    const now = new Date();
    await db.uptimeTarget.create({
      data: {
        url: "https://acme.example/",
        createdBy: "f@example.com",
        certExpiresAt: new Date(now.getTime() + 30 * 86_400_000),
      },
    });
    const evaluate = () => evaluateAlerts(db, { channels, now, only: ["cert_expiry"] });
    expect((await evaluate()).fired).toEqual([]);
    await storeCheckResults(
      db,
      "network",
      [
        {
          key: "tls.expiry:api.acme.example",
          area: "tls",
          title: "TLS",
          state: "warn",
          observed: "10 days",
          why: "",
          fix: null,
          value: 10,
        },
      ],
      now,
    );
    const fired = (await evaluate()).fired;
    expect(fired).toEqual([expect.stringMatching(/:host:api\.acme\.example$/)]);
  });
});
