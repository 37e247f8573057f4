/** SPF (RFC 7208): parse one record, count its DNS lookups recursively, evaluate it for an address. */
import { BlockList, isIPv4, isIPv6 } from "node:net";
import type { LaunchDns } from "./network-dns";

export type Qualifier = "+" | "-" | "~" | "?";
export type SpfTerm =
  | {
      kind: "mechanism";
      qualifier: Qualifier;
      name: string;
      domain?: string;
      cidr4?: number;
      cidr6?: number;
      ip?: string;
    }
  | { kind: "modifier"; name: string; value: string };
export interface ParsedSpf {
  terms: SpfTerm[];
  errors: string[];
}

const MECH =
  /^([+\-~?]?)(all|include|a|mx|ptr|ip4|ip6|exists)(?::([^/]*))?(?:\/(\d+))?(?:\/\/(\d+))?$/i;
const DOMAIN_SPEC = /^([a-z0-9_%{}.+,=-]+)$/i;

export function isSpf(txt: string): boolean {
  return /^v=spf1(\s|$)/i.test(txt.trim());
}

/** Parses "v=spf1 …"; errors name each term that is not valid SPF. */
export function parseSpf(record: string): ParsedSpf {
  const [, ...parts] = record.trim().split(/\s+/);
  const terms: SpfTerm[] = [];
  const errors: string[] = [];
  for (const part of parts) {
    const ip = /^([+\-~?]?)(ip4|ip6):(.+)$/i.exec(part);
    if (ip) {
      const [, q, kind, value] = ip;
      const [addr, bits, extra] = value.split("/");
      const v4 = kind.toLowerCase() === "ip4";
      const max = v4 ? 32 : 128;
      const n = bits === undefined ? max : Number(bits);
      if (
        extra !== undefined ||
        !(v4 ? isIPv4(addr) : isIPv6(addr)) ||
        !Number.isInteger(n) ||
        n < 0 ||
        n > max
      ) {
        errors.push(`"${part}" is not a valid ${kind} range`);
        continue;
      }
      terms.push({
        kind: "mechanism",
        qualifier: (q || "+") as Qualifier,
        name: kind.toLowerCase(),
        ip: addr,
        [v4 ? "cidr4" : "cidr6"]: n,
      });
      continue;
    }
    const m = MECH.exec(part);
    if (m) {
      const [, q, name, domain, c4, c6] = m;
      const lname = name.toLowerCase();
      if ((lname === "include" || lname === "exists") && !domain)
        errors.push(`"${part}" needs a domain (${lname}:example.com)`);
      else if (lname === "all" && (domain !== undefined || c4 || c6))
        errors.push(`"${part}": all takes no argument`);
      else if (domain !== undefined && !DOMAIN_SPEC.test(domain))
        errors.push(`"${part}" has an invalid domain`);
      else if ((c4 && Number(c4) > 32) || (c6 && Number(c6) > 128))
        errors.push(`"${part}" has an invalid prefix length`);
      else
        terms.push({
          kind: "mechanism",
          qualifier: (q || "+") as Qualifier,
          name: lname,
          domain: domain || undefined,
          cidr4: c4 ? Number(c4) : undefined,
          cidr6: c6 ? Number(c6) : undefined,
        });
      continue;
    }
    const mod = /^([a-z][a-z0-9_.-]*)=(.*)$/i.exec(part);
    if (mod) {
      const name = mod[1].toLowerCase();
      if ((name === "redirect" || name === "exp") && !DOMAIN_SPEC.test(mod[2]))
        errors.push(`"${part}" has an invalid domain`);
      else if (
        terms.some((t) => t.kind === "modifier" && t.name === name) &&
        (name === "redirect" || name === "exp")
      )
        errors.push(`"${name}=" appears twice`);
      else terms.push({ kind: "modifier", name, value: mod[2] });
      continue;
    }
    errors.push(`"${part}" is not an SPF mechanism or modifier`);
  }
  return { terms, errors };
}

/** The one SPF record at a name: none, one, or too many. */
export async function spfRecordsAt(dns: LaunchDns, domain: string) {
  const txt = await dns.txt(domain);
  return { status: txt.status, error: txt.error, records: txt.records.filter(isSpf) };
}

const LOOKUP_MECHS = new Set(["include", "a", "mx", "ptr", "exists"]);

/** DNS-querying terms counted as RFC 7208 §4.6.4 does, following include and redirect. */
export async function countSpfLookups(
  dns: LaunchDns,
  domain: string,
  seen: Set<string> = new Set(),
): Promise<{ count: number; notes: string[] }> {
  const notes: string[] = [];
  if (seen.has(domain)) return { count: 0, notes: [`${domain} is included twice (loop)`] };
  seen.add(domain);
  const found = await spfRecordsAt(dns, domain);
  if (found.records.length !== 1) {
    return { count: 0, notes: [`${domain} has ${found.records.length} SPF records`] };
  }
  let count = 0;
  for (const t of parseSpf(found.records[0]).terms) {
    const target =
      t.kind === "mechanism"
        ? t.name === "include"
          ? t.domain
          : undefined
        : t.name === "redirect"
          ? t.value
          : undefined;
    if (t.kind === "mechanism" && LOOKUP_MECHS.has(t.name)) count++;
    if (t.kind === "modifier" && t.name === "redirect") count++;
    if (target && !target.includes("%") && count <= 20) {
      const sub = await countSpfLookups(dns, target.toLowerCase(), seen);
      count += sub.count;
      notes.push(...sub.notes);
    }
  }
  return { count, notes };
}

export type SpfResult =
  "pass" | "fail" | "softfail" | "neutral" | "none" | "permerror" | "temperror";
const QUAL: Record<Qualifier, SpfResult> = {
  "+": "pass",
  "-": "fail",
  "~": "softfail",
  "?": "neutral",
};

function inRange(ip: string, base: string, bits: number): boolean {
  const list = new BlockList();
  const type = isIPv4(base) ? "ipv4" : "ipv6";
  if ((type === "ipv4") !== isIPv4(ip)) return false;
  list.addSubnet(base, bits, type);
  return list.check(ip, type);
}

async function hostMatches(
  dns: LaunchDns,
  name: string,
  ip: string,
  c4 = 32,
  c6 = 128,
): Promise<boolean> {
  const [a, aaaa] = await Promise.all([dns.a(name), dns.aaaa(name)]);
  return a.records.some((x) => inRange(ip, x, c4)) || aaaa.records.some((x) => inRange(ip, x, c6));
}

/** check_host() for an address, without macros: what a receiver concludes about mail from `ip`. */
export async function evaluateSpf(
  dns: LaunchDns,
  domain: string,
  ip: string,
  depth = 0,
): Promise<SpfResult> {
  if (depth > 10) return "permerror";
  const found = await spfRecordsAt(dns, domain);
  if (found.status === "error") return "temperror";
  if (found.records.length === 0) return "none";
  if (found.records.length > 1) return "permerror";
  const { terms, errors } = parseSpf(found.records[0]);
  if (errors.length) return "permerror";
  for (const t of terms) {
    if (t.kind !== "mechanism") continue;
    let match = false;
    const target = (t.domain ?? domain).toLowerCase();
    switch (t.name) {
      case "all":
        match = true;
        break;
      case "ip4":
      case "ip6":
        match = inRange(ip, t.ip!, t.cidr4 ?? t.cidr6 ?? 128);
        break;
      case "a":
        match = await hostMatches(dns, target, ip, t.cidr4, t.cidr6);
        break;
      case "mx": {
        const mx = await dns.mx(target);
        for (const r of mx.records.slice(0, 10))
          if (await hostMatches(dns, r.exchange, ip, t.cidr4, t.cidr6)) match = true;
        break;
      }
      case "include": {
        if (target.includes("%")) break;
        const r = await evaluateSpf(dns, target, ip, depth + 1);
        if (r === "none" || r === "permerror") return "permerror";
        if (r === "temperror") return r;
        match = r === "pass";
        break;
      }
      case "exists":
        // Macros (%{i}) need the full RFC 7208 expansion; only a literal name is evaluated.
        match = !target.includes("%") && (await dns.a(target)).records.length > 0;
        break;
      default: // ptr: discouraged and slow; never counted as a match here.
        break;
    }
    if (match) return QUAL[t.qualifier];
  }
  const redirect = terms.find((t) => t.kind === "modifier" && t.name === "redirect");
  if (redirect && redirect.kind === "modifier") {
    const r = await evaluateSpf(dns, redirect.value.toLowerCase(), ip, depth + 1);
    return r === "none" ? "permerror" : r;
  }
  return "neutral";
}
