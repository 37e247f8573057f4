/** What one run of the network checks shares: options, one resolver, one TLS handshake per host. */
import type { CheckResult } from "../types";
import { createLaunchDns, type LaunchDns } from "./network-dns";
import { resolveTarget, type Target } from "./network-http";
import { handshake, type TlsProbe } from "./network-tls";
import type { NetOptions } from "./network";

export interface HostTls {
  target: Target;
  /** Handshake allowing TLS 1.2+ only (what a current browser does). */
  modern: TlsProbe | null;
  /** Handshake at TLS 1.0/1.1 only, made when asked (see legacy()). */
  legacy: () => Promise<{ v10: boolean; v11: boolean }>;
  /** The certificate from whichever handshake succeeded. */
  cert: (TlsProbe & { ok: true }) | null;
}

export interface NetContext {
  net: NetOptions;
  dns: LaunchDns;
  now: Date;
  tls(host: string): Promise<HostTls>;
}

export function createNetContext(net: NetOptions, now = new Date()): NetContext {
  const dns = createLaunchDns(net.dnsServers, net.timeoutMs);
  const cache = new Map<string, Promise<HostTls>>();
  const probeHost = async (host: string): Promise<HostTls> => {
    const target = await resolveTarget(host, net, dns);
    if (!target.ok)
      return { target, modern: null, cert: null, legacy: async () => ({ v10: false, v11: false }) };
    let legacyOnce: Promise<{ v10: boolean; v11: boolean }> | undefined;
    const legacy = () =>
      (legacyOnce ??= Promise.all([
        handshake(host, target.ip, net, { min: "TLSv1", max: "TLSv1" }),
        handshake(host, target.ip, net, { min: "TLSv1.1", max: "TLSv1.1" }),
      ]).then(([a, b]) => ({ v10: a.ok, v11: b.ok })));
    const modern = await handshake(host, target.ip, net);
    let cert = modern.ok ? modern : null;
    if (!cert) {
      const old = await handshake(host, target.ip, net, { min: "TLSv1", max: "TLSv1.1" });
      if (old.ok) cert = old;
    }
    return { target, modern, cert, legacy };
  };
  return {
    net,
    dns,
    now,
    tls: (host) => {
      const k = host.toLowerCase();
      if (!cache.has(k)) cache.set(k, probeHost(k));
      return cache.get(k)!;
    },
  };
}

/** Shorthand for building results of one area. */
export function result(
  area: CheckResult["area"],
  key: string,
  title: string,
  state: CheckResult["state"],
  observed: string,
  why: string,
  fix: string | null,
  value?: number | null,
): CheckResult {
  return {
    key,
    area,
    title,
    state,
    observed,
    why,
    fix: state === "pass" ? null : fix,
    value: value ?? null,
  };
}
