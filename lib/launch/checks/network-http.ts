/**
 * The only way the launch checks reach a web server: to an address they resolved and vetted
 * themselves (private ranges refused unless allowed), one request at a time, redirects followed
 * by hand at most 5 hops and only within the entered host and its www/apex pair.
 */
import { BlockList, isIP } from "node:net";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LaunchDns } from "./network-dns";
import type { NetOptions } from "./network";

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const)
  PRIVATE.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 127],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  PRIVATE.addSubnet(net, prefix, "ipv6");

/** Loopback, private, link-local, carrier-grade NAT, multicast and reserved addresses. */
export function isPrivateAddress(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return PRIVATE.check(mapped[1], "ipv4");
  const family = isIP(ip);
  if (family === 4) return PRIVATE.check(ip, "ipv4");
  if (family === 6) return PRIVATE.check(ip, "ipv6");
  return true;
}

export type Target = { ok: true; ip: string; all: string[] } | { ok: false; reason: string };

/** Resolves a host to one address the checks may connect to (IPv4 first). */
export async function resolveTarget(
  host: string,
  net: NetOptions,
  dns: LaunchDns,
): Promise<Target> {
  if (isIP(host)) {
    if (!net.allowPrivate && isPrivateAddress(host))
      return { ok: false, reason: `${host} is a private address; checks refuse private addresses` };
    return { ok: true, ip: host, all: [host] };
  }
  const [a, aaaa] = await Promise.all([dns.a(host), dns.aaaa(host)]);
  const all = [...a.records, ...aaaa.records];
  if (!all.length) {
    const why =
      a.status === "error"
        ? a.error
        : a.status === "nxdomain"
          ? "name does not exist"
          : "no A/AAAA records";
    return { ok: false, reason: `${host} does not resolve (${why})` };
  }
  const usable = net.allowPrivate ? all : all.filter((ip) => !isPrivateAddress(ip));
  if (!usable.length)
    return {
      ok: false,
      reason: `${host} resolves only to private addresses (${all.join(", ")}); checks refuse to connect to them`,
    };
  return { ok: true, ip: usable[0], all };
}

/** The host and its www/apex pair: the only hosts a redirect may lead to. */
export function hostPair(host: string): string[] {
  const h = host.toLowerCase();
  return h.startsWith("www.") ? [h, h.slice(4)] : [h, `www.${h}`];
}

export interface HttpReply {
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
}
export type HttpResult = { ok: true; reply: HttpReply } | { ok: false; url: string; error: string };

/** One GET, no redirects followed, certificate not judged here (the TLS checks do that). */
export async function fetchOnce(url: string, net: NetOptions, dns: LaunchDns): Promise<HttpResult> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, url, error: "not a valid URL" };
  }
  if (u.protocol !== "http:" && u.protocol !== "https:")
    return { ok: false, url, error: `${u.protocol} is not http or https` };
  const host = u.hostname.replace(/^\[|\]$/g, "");
  const target = await resolveTarget(host, net, dns);
  if (!target.ok) return { ok: false, url, error: target.reason };
  const secure = u.protocol === "https:";
  const port = u.port ? Number(u.port) : secure ? net.httpsPort : net.httpPort;
  return new Promise<HttpResult>((resolve) => {
    const req = (secure ? httpsRequest : httpRequest)(
      {
        host: target.ip,
        port,
        method: "GET",
        path: `${u.pathname}${u.search}`,
        headers: { host: u.host, "user-agent": "LaunchReady-Check/1", accept: "text/html,*/*" },
        timeout: net.timeoutMs,
        agent: false,
        ...(secure
          ? {
              servername: isIP(host) ? undefined : host,
              rejectUnauthorized: false,
              minVersion: "TLSv1" as const,
              ciphers: "DEFAULT@SECLEVEL=0",
            }
          : {}),
      },
      (res) => {
        resolve({ ok: true, reply: { url, status: res.statusCode ?? 0, headers: res.headers } });
        res.destroy();
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${net.timeoutMs} ms`)));
    req.on("error", (e) => resolve({ ok: false, url, error: (e as Error).message }));
    req.end();
  });
}

export interface RedirectWalk {
  hops: HttpReply[];
  /** The last answer that was not a redirect, when reached. */
  final?: HttpReply;
  /** Why the walk stopped early: a network error, a redirect off the host, too many hops. */
  stopped?: { kind: "error" | "invalid" | "off-host" | "too-many"; detail: string };
}

/** Follows redirects from `url` at most `maxHops` times, only to the allowed hosts. */
export async function walkRedirects(
  url: string,
  allowedHosts: string[],
  net: NetOptions,
  dns: LaunchDns,
  maxHops = 5,
): Promise<RedirectWalk> {
  const hops: HttpReply[] = [];
  let current = url;
  for (let i = 0; i <= maxHops; i++) {
    const r = await fetchOnce(current, net, dns);
    if (!r.ok) return { hops, stopped: { kind: "error", detail: `${r.url}: ${r.error}` } };
    const { reply } = r;
    const location = reply.headers.location;
    if (reply.status < 300 || reply.status > 399 || !location) return { hops, final: reply };
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      return {
        hops,
        stopped: {
          kind: "invalid",
          detail: `${current} redirects to an invalid URL (${location})`,
        },
      };
    }
    hops.push(reply);
    if (!allowedHosts.includes(next.hostname.toLowerCase()))
      return {
        hops,
        stopped: {
          kind: "off-host",
          detail: `${current} redirects to ${next.href}, off the entered host`,
        },
      };
    current = next.href;
  }
  return {
    hops,
    stopped: { kind: "too-many", detail: `more than ${maxHops} redirects from ${url}` },
  };
}
