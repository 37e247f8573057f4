/**
 * Launch-readiness network checks: domains, TLS, email authentication and the edge, each
 * answered as plain-words results with the exact fix. Entry point for the launch registry.
 */
import { readFileSync } from "node:fs";
import { env } from "@/lib/env";
import type { CheckResult } from "../types";
import { createNetContext, result } from "./network-context";
import { checkDomain, checkApexWww } from "./domains";
import { checkTls } from "./tls";
import { checkEmailAuth } from "./email-auth";
import { checkEdgeProxy, checkSecurityHeaders } from "./edge";

export interface NetworkCheckInput {
  domains: { production?: string; api?: string; dashboard?: string };
  productionUrl?: string;
  emailFrom?: string;
  smtpHost?: string;
  dkimSelectors: string[];
}
export interface NetOptions {
  dnsServers?: string[] /* "host:port"; default system resolver */;
  httpPort: number /* default 80 */;
  httpsPort: number /* default 443 */;
  allowPrivate: boolean;
  timeoutMs: number;
  extraCaPem?: string;
}

/** Network options from the validated environment (LAUNCH_* variables, all optional). */
export function netOptionsFromEnv(): NetOptions {
  const servers = env.LAUNCH_DNS_SERVERS?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    dnsServers: servers?.length ? servers : undefined,
    httpPort: env.LAUNCH_HTTP_PORT,
    httpsPort: env.LAUNCH_HTTPS_PORT,
    allowPrivate: env.LAUNCH_ALLOW_PRIVATE,
    timeoutMs: env.LAUNCH_CHECK_TIMEOUT_MS,
    extraCaPem: env.LAUNCH_EXTRA_CA_FILE ? readCaFile(env.LAUNCH_EXTRA_CA_FILE) : undefined,
  };
}

function readCaFile(file: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, "utf8");
  } catch (e) {
    throw new Error(
      `LAUNCH_EXTRA_CA_FILE: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? e})`,
    );
  }
  if (!pem.includes("-----BEGIN CERTIFICATE-----"))
    throw new Error(`LAUNCH_EXTRA_CA_FILE: ${file} holds no PEM certificate`);
  return pem;
}

const ROLE_NAMES = {
  production: "production site",
  api: "app API",
  dashboard: "this dashboard",
} as const;
const HOST_RE = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/i;

/** A domain as entered ("https://App.Example.com/x" → "app.example.com"), or null when not a host name. */
export function normalizeHost(entered: string): string | null {
  const s = entered.trim().toLowerCase();
  const host = /^[a-z]+:\/\//.test(s)
    ? URL.canParse(s)
      ? new URL(s).hostname
      : ""
    : s.split("/")[0];
  return HOST_RE.test(host.replace(/\.$/, "")) ? host.replace(/\.$/, "") : null;
}

async function guarded(area: CheckResult["area"], key: string, run: () => Promise<CheckResult[]>) {
  try {
    return await run();
  } catch (e) {
    return [
      result(
        area,
        key,
        "Check could not run",
        "fail",
        `The check stopped with an error: ${(e as Error).message}`,
        "A check that cannot run cannot vouch for this part of the launch.",
        "Re-run the check; if it keeps failing, report it with this message.",
      ),
    ];
  }
}

/**
 * Runs every network check for the entered domains and sending domain. Never throws for a
 * failing target: it becomes a "fail"/"warn" result; a missing input is "not_configured".
 * Read-only: it sends DNS queries, TLS handshakes and GET requests, and changes nothing.
 */
export async function runNetworkChecks(
  input: NetworkCheckInput,
  net: NetOptions,
): Promise<CheckResult[]> {
  const ctx = createNetContext(net);
  const out: CheckResult[] = [];
  const hosts: string[] = [];
  for (const role of ["production", "api", "dashboard"] as const) {
    const entered = input.domains[role]?.trim();
    if (!entered) {
      out.push(
        result(
          "domains",
          `domain.configured:${role}`,
          `Domain of the ${ROLE_NAMES[role]}`,
          "not_configured",
          `No domain entered for the ${ROLE_NAMES[role]}.`,
          "Its DNS, HTTPS and certificate cannot be checked until it is named.",
          `Enter the ${ROLE_NAMES[role]}'s domain in the launch settings.`,
        ),
      );
      continue;
    }
    const host = normalizeHost(entered);
    if (!host) {
      out.push(
        result(
          "domains",
          `domain.configured:${role}`,
          `Domain of the ${ROLE_NAMES[role]}`,
          "fail",
          `"${entered}" is not a domain name.`,
          "Checks need a host name such as app.example.com.",
          `Enter the ${ROLE_NAMES[role]}'s host name only, e.g. app.example.com.`,
        ),
      );
      continue;
    }
    if (!hosts.includes(host)) hosts.push(host);
  }
  const production = input.domains.production ? normalizeHost(input.domains.production) : null;

  const perHost = await Promise.all(
    hosts.map(async (host) => {
      const [domain, tls, edge] = await Promise.all([
        guarded("domains", `dns.resolve:${host}`, () => checkDomain(ctx, host)),
        guarded("tls", `tls.chain:${host}`, () => checkTls(ctx, host)),
        guarded("edge", `edge.proxy:${host}`, () => checkEdgeProxy(ctx, host)),
      ]);
      const pair =
        host === production
          ? await guarded("domains", `dns.www:${host}`, () => checkApexWww(ctx, host))
          : [];
      return { domain: [...domain.slice(0, 1), ...pair, ...domain.slice(1)], tls, edge };
    }),
  );
  const [email, headers] = await Promise.all([
    guarded("email", "email.domain", () => checkEmailAuth(ctx, input)),
    guarded("edge", "edge.headers", () =>
      checkSecurityHeaders(ctx, input.productionUrl, production),
    ),
  ]);
  out.push(...perHost.flatMap((h) => h.domain), ...perHost.flatMap((h) => h.tls), ...email);
  out.push(...perHost.flatMap((h) => h.edge), ...headers);
  return out;
}
