import { lookup as dnsLookup } from "node:dns";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { rootCertificates, type TLSSocket } from "node:tls";

export type ProbeOptions = {
  keyword?: string | null;
  /** Let the probe reach loopback and private ranges (self-hosting, tests). */
  allowPrivate: boolean;
  timeoutMs: number;
  /** Extra trusted CA (PEM), e.g. a test CA. */
  ca?: string;
};

export type ProbeResult = {
  up: boolean;
  status: number | null;
  latencyMs: number | null;
  error: string | null;
  certExpiresAt: Date | null;
};

export const MAX_REDIRECTS = 5;
const MAX_BODY = 1_000_000;

const PRIVATE = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  PRIVATE.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  PRIVATE.addSubnet(net, bits, "ipv6");

/** True for loopback, private, link-local, carrier-grade NAT, multicast and reserved addresses. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1], "ipv4");
  const family = isIP(address);
  if (!family) return true;
  return PRIVATE.check(address, family === 4 ? "ipv4" : "ipv6");
}

class Refused extends Error {}

/**
 * The address check runs inside the connection's own lookup, so the address checked is
 * the address connected to (a DNS answer cannot change in between).
 */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "", 4);
      const list = addresses as { address: string; family: number }[];
      const bad = list.find((a) => !allowPrivate && isPrivateAddress(a.address));
      if (bad || !list.length)
        return callback(
          new Refused(
            `${hostname} resolves to a private address (${bad?.address ?? "none"}); set LAUNCH_ALLOW_PRIVATE=1 to allow it`,
          ),
          "",
          4,
        );
      if ((options as { all?: boolean }).all) return callback(null, list as never);
      callback(null, list[0].address, list[0].family);
    });
  };
}

type Hop = { status: number; location: string | null; body: string; cert: Date | null };

function request(url: URL, opts: ProbeOptions, wantBody: boolean, deadline: number): Promise<Hop> {
  return new Promise((resolve, reject) => {
    const lib = url.protocol === "https:" ? https : http;
    // Node connects to an IP literal without calling `lookup`: check it here.
    const literal = url.hostname.replace(/^\[|\]$/g, "");
    if (isIP(literal) && !opts.allowPrivate && isPrivateAddress(literal))
      return reject(
        new Refused(
          `${literal} is a private address (${literal}); set LAUNCH_ALLOW_PRIVATE=1 to allow it`,
        ),
      );
    const remaining = deadline - Date.now();
    if (remaining <= 0) return reject(new Error(`timed out after ${opts.timeoutMs} ms`));
    const req = lib.request(
      url,
      {
        method: "GET",
        headers: { "user-agent": "LaunchReady-Uptime/1", accept: "*/*" },
        lookup: guardedLookup(opts.allowPrivate),
        agent: false,
        ...(url.protocol === "https:" && opts.ca ? { ca: [...httpsCa(), opts.ca] } : {}),
      },
      (res) => {
        const socket = res.socket as TLSSocket;
        const peer =
          typeof socket.getPeerCertificate === "function" ? socket.getPeerCertificate() : null;
        const cert = peer?.valid_to ? new Date(peer.valid_to) : null;
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          if (!wantBody) return;
          size += c.length;
          if (size <= MAX_BODY) chunks.push(c);
        });
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            location: (res.headers.location as string | undefined) ?? null,
            body: Buffer.concat(chunks).toString("utf8"),
            cert,
          }),
        );
        res.on("error", reject);
      },
    );
    req.setTimeout(remaining, () => req.destroy(new Error(`timed out after ${opts.timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}

/** With an extra CA the system roots must be passed too, or only the extra CA is trusted. */
const httpsCa = () => rootCertificates;

/**
 * Checks one URL the founder entered: GET with a timeout, following at most
 * MAX_REDIRECTS redirects that stay on the entered host (never off it), refusing private
 * addresses unless allowed. Up = a 2xx/3xx final answer that contains the keyword (if any).
 * Never throws.
 */
export async function probeUrl(rawUrl: string, opts: ProbeOptions): Promise<ProbeResult> {
  const started = Date.now();
  const deadline = started + opts.timeoutMs;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { up: false, status: null, latencyMs: null, error: "not a URL", certExpiresAt: null };
  }
  const host = url.hostname;
  let certExpiresAt: Date | null = null;
  try {
    for (let hop = 0; ; hop++) {
      const res = await request(url, opts, Boolean(opts.keyword), deadline);
      if (res.cert) certExpiresAt = res.cert;
      const latencyMs = Date.now() - started;
      if (res.status >= 300 && res.status < 400 && res.location) {
        const next = new URL(res.location, url);
        if (next.hostname !== host)
          return {
            up: false,
            status: res.status,
            latencyMs,
            error: `redirects off the entered host to ${next.hostname} (not followed)`,
            certExpiresAt,
          };
        if (hop >= MAX_REDIRECTS)
          return {
            up: false,
            status: res.status,
            latencyMs,
            error: `more than ${MAX_REDIRECTS} redirects`,
            certExpiresAt,
          };
        url = next;
        continue;
      }
      if (res.status >= 400)
        return {
          up: false,
          status: res.status,
          latencyMs,
          error: `HTTP ${res.status}`,
          certExpiresAt,
        };
      if (opts.keyword && !res.body.includes(opts.keyword))
        return {
          up: false,
          status: res.status,
          latencyMs,
          error: `keyword "${opts.keyword}" not found in the page`,
          certExpiresAt,
        };
      return { up: true, status: res.status, latencyMs, error: null, certExpiresAt };
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const message =
      err instanceof Refused ? err.message : err.code ? `${err.code}: ${err.message}` : err.message;
    return { up: false, status: null, latencyMs: null, error: message, certExpiresAt };
  }
}
