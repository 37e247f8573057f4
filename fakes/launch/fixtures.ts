/**
 * Launch-readiness fixtures: a DNS server with three named zones (good, broken, borderline),
 * one HTTP and one HTTPS port that serve every fixture host on 127.0.0.1 (the HTTPS port routes
 * by SNI, so each host has its own certificate and TLS versions), and a test CA made at start.
 * Tests, Playwright and the demo point the network checks at it with
 * `{ dnsServers: [dnsServer], httpPort, httpsPort, extraCaPem: caPem, allowPrivate: true }`.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import { connect as connectTcp, createServer as createTcpServer, type Socket } from "node:net";
import type { NetOptions, NetworkCheckInput } from "@/lib/launch/checks/network";
import { startDnsServer, type Zone } from "./dns-server";
import { createTestCa, type CertKey } from "./test-ca";
import { certFor, HOSTS, fixtureZone, type TlsProfile } from "./zones";

export { FIXTURE_CA_CAA, FIXTURE_ZONES, fixtureZone } from "./zones";

/** Reads the SNI host name out of a TLS ClientHello, or null. */
export function sniFromClientHello(buf: Buffer): string | null {
  try {
    if (buf[0] !== 0x16 || buf[5] !== 0x01) return null;
    let o = 5 + 4 + 2 + 32; // record header, handshake header, version, random
    o += 1 + buf[o]; // session id
    o += 2 + buf.readUInt16BE(o); // cipher suites
    o += 1 + buf[o]; // compression methods
    const end = o + 2 + buf.readUInt16BE(o);
    o += 2;
    while (o + 4 <= end) {
      const type = buf.readUInt16BE(o);
      const size = buf.readUInt16BE(o + 2);
      if (type === 0) {
        const nameLen = buf.readUInt16BE(o + 4 + 3);
        return buf.toString("latin1", o + 4 + 5, o + 4 + 5 + nameLen).toLowerCase();
      }
      o += 4 + size;
    }
  } catch {
    return null;
  }
  return null;
}

function hostOf(req: IncomingMessage): string {
  return (req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase();
}

function answer(res: ServerResponse, status: number, headers: Record<string, string>, body = "") {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", ...headers });
  res.end(body);
}

/** Network options that point the checks at these fixtures (private addresses allowed: they are on 127.0.0.1). */
export function fixtureNetOptions(
  f: Pick<LaunchFixtures, "dnsServer" | "httpPort" | "httpsPort" | "caPem">,
  overrides: Partial<NetOptions> = {},
): NetOptions {
  return {
    dnsServers: [f.dnsServer],
    httpPort: f.httpPort,
    httpsPort: f.httpsPort,
    extraCaPem: f.caPem,
    allowPrivate: true,
    timeoutMs: 3000,
    ...overrides,
  };
}

export interface LaunchFixtures {
  /** "127.0.0.1:port" of the fixture DNS server. */
  dnsServer: string;
  httpPort: number;
  httpsPort: number;
  /** The test CA's certificate (trust it through NetOptions.extraCaPem). */
  caPem: string;
  /** A realistic mixed setup: some checks pass, some warn, some fail. */
  input: NetworkCheckInput;
  /** The zones being served (a test may add names before running checks). */
  zone: Zone;
  /** What reached the fixtures: DNS questions ("name type"), HTTP requests ("host/path"), HTTPS SNI names. */
  seen: { dns: string[]; http: string[]; https: string[] };
  close(): Promise<void>;
}

/** Starts the DNS, HTTP and HTTPS fixture servers on 127.0.0.1 (ports 0 = free ones). */
export async function startLaunchFixtures(
  opts: { dnsPort?: number; httpPort?: number; httpsPort?: number } = {},
): Promise<LaunchFixtures> {
  const ca = createTestCa();
  const dns = await startDnsServer(fixtureZone(), opts.dnsPort ?? 0);

  const plainBody = (host: string) => `<!doctype html><title>${host}</title><p>${host}</p>`;
  const seen = { dns: dns.queries, http: [] as string[], https: [] as string[] };
  const http = createHttpServer((req, res) => {
    seen.http.push(`${hostOf(req)}${req.url ?? "/"}`);
    const profile = HOSTS[hostOf(req)];
    if (!profile) return answer(res, 421, {}, "unknown host");
    const mode = profile.http;
    if (mode.kind === "redirect")
      return answer(res, mode.status, { location: mode.to(req.url ?? "/") });
    answer(res, 200, {}, plainBody(hostOf(req)));
  });

  const tlsServers = new Map<string, HttpsServer>();
  const certs = new Map<TlsProfile, CertKey>();
  for (const [host, profile] of Object.entries(HOSTS)) {
    let cert = certs.get(profile.tls);
    if (!cert) certs.set(profile.tls, (cert = certFor(ca, profile.tls)));
    const legacy = profile.tls === "legacy" || profile.tls === "borderline";
    const server = createHttpsServer(
      {
        key: cert.keyPem,
        cert: cert.certPem,
        // "legacy" speaks TLS 1.0 only; "borderline" still accepts 1.0 and 1.1 besides 1.2+.
        minVersion: legacy ? "TLSv1" : "TLSv1.2",
        maxVersion: profile.tls === "legacy" ? "TLSv1" : "TLSv1.3",
        ...(legacy ? { ciphers: "DEFAULT@SECLEVEL=0" } : {}),
      },
      (req, res) => {
        const p = HOSTS[hostOf(req)] ?? profile;
        if ("redirect" in p.https) return answer(res, 301, { location: p.https.redirect });
        answer(res, 200, p.https.headers, plainBody(host));
      },
    );
    server.on("tlsClientError", () => {});
    tlsServers.set(host, server);
  }
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => s.destroy());
  };
  // Each host's TLS server listens on a port of its own; the public HTTPS port reads the
  // ClientHello's SNI and relays the raw bytes to that host's server (a TLS socket takes over
  // the connection's handle, so an in-process hand-over would lose the bytes already read).
  const innerPorts = new Map<string, number>();
  for (const [host, server] of tlsServers) {
    server.on("connection", track);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    const a = server.address();
    innerPorts.set(host, typeof a === "object" && a ? a.port : 0);
  }
  const https = createTcpServer((sock) => {
    track(sock);
    sock.once("data", (first) => {
      const sni = sniFromClientHello(first) ?? "";
      seen.https.push(sni);
      const port = innerPorts.get(sni);
      if (!port) return sock.destroy();
      const upstream = connectTcp(port, "127.0.0.1");
      track(upstream);
      upstream.write(first);
      sock.pipe(upstream).pipe(sock);
      upstream.on("close", () => sock.destroy());
      sock.on("close", () => upstream.destroy());
    });
  });
  http.on("connection", track);

  const listen = (
    srv: {
      listen: (p: number, h: string, cb: () => void) => void;
      once: (e: string, cb: (err: Error) => void) => void;
    },
    port: number,
  ) =>
    new Promise<void>((resolve, reject) => {
      srv.once("error", reject);
      srv.listen(port, "127.0.0.1", () => resolve());
    });
  await listen(http, opts.httpPort ?? 0);
  await listen(https, opts.httpsPort ?? 0);
  const portOf = (srv: typeof http | typeof https) => {
    const a = srv.address();
    return typeof a === "object" && a ? a.port : 0;
  };

  return {
    dnsServer: dns.address,
    httpPort: portOf(http),
    httpsPort: portOf(https),
    caPem: ca.caPem,
    zone: dns.zone,
    seen,
    input: {
      domains: {
        production: "good.test",
        api: "api.borderline.test",
        dashboard: "expiring.broken.test",
      },
      productionUrl: "https://good.test/",
      emailFrom: "Launch Ready <hello@borderline.test>",
      smtpHost: "mx.borderline.test",
      dkimSelectors: ["s1", "s2"],
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all([
        dns.close(),
        new Promise<void>((r) => http.close(() => r())),
        new Promise<void>((r) => https.close(() => r())),
        ...[...tlsServers.values()].map((srv) => new Promise<void>((r) => srv.close(() => r()))),
      ]);
    },
  };
}
