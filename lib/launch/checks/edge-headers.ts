/** Security headers on the production URL, graded A–F. */
import type { IncomingHttpHeaders } from "node:http";
import type { CheckResult } from "../types";
import { hostPair, walkRedirects } from "./network-http";
import { result, type NetContext } from "./network-context";

const h = (headers: IncomingHttpHeaders, name: string) => {
  const v = headers[name];
  return (Array.isArray(v) ? v.join(", ") : v) ?? "";
};

export interface HeaderGrade {
  grade: "A" | "B" | "C" | "D" | "F";
  present: string[];
  missing: { name: string; fix: string }[];
}

/** Grades five security headers: A = all 5, B = 4, C = 3, D = 2, F = 0–1. */
export function gradeSecurityHeaders(headers: IncomingHttpHeaders): HeaderGrade {
  const csp = h(headers, "content-security-policy");
  const xfo = h(headers, "x-frame-options").toUpperCase();
  const items = [
    {
      name: "Content-Security-Policy",
      ok: csp.trim().length > 0,
      fix: "Content-Security-Policy: default-src 'self'; frame-ancestors 'none'",
    },
    {
      name: "Strict-Transport-Security",
      ok: /max-age\s*=\s*"?[1-9]/i.test(h(headers, "strict-transport-security")),
      fix: "Strict-Transport-Security: max-age=31536000; includeSubDomains",
    },
    {
      name: "X-Content-Type-Options",
      ok: h(headers, "x-content-type-options").trim().toLowerCase() === "nosniff",
      fix: "X-Content-Type-Options: nosniff",
    },
    {
      name: "Referrer-Policy",
      ok:
        /\S/.test(h(headers, "referrer-policy")) &&
        !/unsafe-url/i.test(h(headers, "referrer-policy")),
      fix: "Referrer-Policy: strict-origin-when-cross-origin",
    },
    {
      name: "frame-ancestors or X-Frame-Options",
      ok: /frame-ancestors/i.test(csp) || xfo === "DENY" || xfo === "SAMEORIGIN",
      fix: "X-Frame-Options: DENY (or frame-ancestors 'none' in the CSP)",
    },
  ];
  const present = items.filter((i) => i.ok).map((i) => i.name);
  const grade = (["F", "F", "D", "C", "B", "A"] as const)[present.length];
  return {
    grade,
    present,
    missing: items.filter((i) => !i.ok).map(({ name, fix }) => ({ name, fix })),
  };
}

/** Security headers on the production URL (or https://<production domain>/), with a letter grade. */
export async function checkSecurityHeaders(
  ctx: NetContext,
  productionUrl: string | undefined,
  productionHost: string | null,
): Promise<CheckResult[]> {
  const title = "Security headers";
  const why =
    "These headers stop clickjacking, content-type sniffing, referrer leaks and script injection at the browser.";
  let url = productionUrl?.trim() || (productionHost ? `https://${productionHost}/` : "");
  if (!url)
    return [
      result(
        "edge",
        "edge.headers",
        title,
        "not_configured",
        "No production URL or production domain is entered.",
        why,
        "Enter the production site's URL in the launch settings.",
      ),
    ];
  if (!/^[a-z]+:\/\//i.test(url)) url = `https://${url}`;
  const host = URL.canParse(url) ? new URL(url).hostname.toLowerCase() : "";
  const key = `edge.headers:${host || url}`;
  if (!host)
    return [
      result(
        "edge",
        key,
        title,
        "fail",
        `"${url}" is not a URL.`,
        why,
        "Enter the production URL, e.g. https://www.example.com/.",
      ),
    ];
  const walk = await walkRedirects(url, hostPair(host), ctx.net, ctx.dns);
  if (!walk.final)
    return [
      result(
        "edge",
        key,
        title,
        "fail",
        `Could not load ${url}: ${walk.stopped?.detail ?? "no answer"}.`,
        why,
        `Make ${url} answer (within ${host} and its www/apex pair, at most 5 redirects).`,
      ),
    ];
  const g = gradeSecurityHeaders(walk.final.headers);
  const said = `Grade ${g.grade} for ${walk.final.url} (${g.present.length} of 5: ${g.present.join(", ") || "none"}).`;
  const fix = g.missing.length
    ? `Send on every HTML response: ${g.missing.map((m) => m.fix).join("; ")}.`
    : null;
  const state = g.grade === "A" ? "pass" : g.grade === "B" || g.grade === "C" ? "warn" : "fail";
  return [
    result(
      "edge",
      key,
      title,
      state,
      g.missing.length ? `${said} Missing: ${g.missing.map((m) => m.name).join(", ")}.` : said,
      why,
      fix,
      g.present.length,
    ),
  ];
}
