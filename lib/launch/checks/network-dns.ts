/** DNS look-ups for the launch checks, through the configured resolver (default: the system's). */
import { Resolver } from "node:dns/promises";
import type { CaaRecord, MxRecord } from "node:dns";

export type DnsStatus = "ok" | "nxdomain" | "nodata" | "error";
export interface DnsAnswer<T> {
  status: DnsStatus;
  records: T[];
  /** Set when status is "error" (timeout, refused, server failure). */
  error?: string;
}

export interface LaunchDns {
  a(name: string): Promise<DnsAnswer<string>>;
  aaaa(name: string): Promise<DnsAnswer<string>>;
  cname(name: string): Promise<DnsAnswer<string>>;
  ns(name: string): Promise<DnsAnswer<string>>;
  mx(name: string): Promise<DnsAnswer<MxRecord>>;
  /** TXT records with their character-strings joined (as SPF, DKIM and DMARC read them). */
  txt(name: string): Promise<DnsAnswer<string>>;
  caa(name: string): Promise<DnsAnswer<CaaRecord>>;
}

async function ask<T>(run: () => Promise<T[]>): Promise<DnsAnswer<T>> {
  try {
    const records = await run();
    return { status: records.length ? "ok" : "nodata", records };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOTFOUND") return { status: "nxdomain", records: [] };
    if (code === "ENODATA") return { status: "nodata", records: [] };
    return { status: "error", records: [], error: `${code ?? "error"}: ${(e as Error).message}` };
  }
}

/** A resolver for one run of the checks; servers are "host:port" (empty = system resolver). */
export function createLaunchDns(servers: string[] | undefined, timeoutMs: number): LaunchDns {
  const r = new Resolver({ timeout: Math.max(200, Math.floor(timeoutMs / 2)), tries: 2 });
  if (servers?.length) r.setServers(servers);
  const cache = new Map<string, Promise<DnsAnswer<unknown>>>();
  const cached = <T>(kind: string, name: string, run: () => Promise<T[]>) => {
    const k = `${kind}:${name.toLowerCase()}`;
    if (!cache.has(k)) cache.set(k, ask(run));
    return cache.get(k) as Promise<DnsAnswer<T>>;
  };
  return {
    a: (n) => cached("a", n, () => r.resolve4(n)),
    aaaa: (n) => cached("aaaa", n, () => r.resolve6(n)),
    cname: (n) => cached("cname", n, () => r.resolveCname(n)),
    ns: (n) => cached("ns", n, () => r.resolveNs(n)),
    mx: (n) => cached("mx", n, () => r.resolveMx(n)),
    txt: (n) =>
      cached("txt", n, async () => (await r.resolveTxt(n)).map((chunks) => chunks.join(""))),
    caa: (n) => cached("caa", n, () => r.resolveCaa(n)),
  };
}

/** The name and its parents up to (not including) the top-level label: a.b.example.com → … example.com. */
export function selfAndParents(name: string): string[] {
  const labels = name.replace(/\.$/, "").split(".");
  const out: string[] = [];
  for (let i = 0; i < labels.length - 1; i++) out.push(labels.slice(i).join("."));
  return out.length ? out : [name];
}
