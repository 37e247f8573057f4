/** HTTP-level domain checks: HTTP goes to HTTPS, and HSTS. */
import type { CheckResult } from "../types";
import { fetchOnce, hostPair, walkRedirects } from "./network-http";
import { result, type NetContext } from "./network-context";

const ONE_YEAR = 31_536_000;

/** http://host/ ends on https:// of the host (or its www/apex pair) through permanent redirects. */
export async function checkHttpsRedirect(ctx: NetContext, host: string): Promise<CheckResult> {
  const key = `http.redirect:${host}`;
  const title = "HTTP redirects to HTTPS";
  const why =
    "Anyone who types the bare name or follows an old http:// link must end up on the encrypted site.";
  const fix = `Answer every http://${host} request with "301 Moved Permanently" to https://${host} plus the same path.`;
  const walk = await walkRedirects(`http://${host}/`, hostPair(host), ctx.net, ctx.dns);
  const chain = walk.hops.map((h) => `${h.status} → ${h.headers.location}`).join(", ");
  if (walk.stopped?.kind === "off-host")
    return result("domains", key, title, "fail", `${walk.stopped.detail}; not followed.`, why, fix);
  if (walk.stopped?.kind === "invalid")
    return result("domains", key, title, "fail", `${walk.stopped.detail}.`, why, fix);
  if (walk.stopped?.kind === "too-many")
    return result(
      "domains",
      key,
      title,
      "fail",
      `Redirect loop: ${walk.stopped.detail} (${chain}).`,
      why,
      fix,
    );
  const toHttps = walk.hops.findIndex(
    (h) =>
      String(h.headers.location).startsWith("https:") ||
      new URL(String(h.headers.location), h.url).protocol === "https:",
  );
  if (toHttps < 0) {
    const what = walk.final
      ? `http://${host}/ answers ${walk.final.status} over plain HTTP without redirecting to HTTPS${chain ? ` (after ${chain})` : ""}.`
      : `http://${host}/ does not answer: ${walk.stopped?.detail ?? "no reply"}.`;
    return result("domains", key, title, "fail", what, why, fix);
  }
  const temporary = walk.hops
    .slice(0, toHttps + 1)
    .filter((h) => h.status === 302 || h.status === 307 || h.status === 303);
  if (temporary.length)
    return result(
      "domains",
      key,
      title,
      "warn",
      `Redirects to HTTPS with a temporary ${temporary[0].status} (${chain}).`,
      "A temporary redirect is not remembered by browsers or search engines, so every visit starts on plain HTTP again.",
      `Use 301 (or 308) instead of ${temporary[0].status} for http://${host} → https://${host}.`,
    );
  return result("domains", key, title, "pass", `Redirects permanently: ${chain}.`, why, null);
}

/** Strict-Transport-Security on https://host/: present, max-age ≥ 1 year; preload said as advice. */
export async function checkHsts(ctx: NetContext, host: string): Promise<CheckResult> {
  const key = `http.hsts:${host}`;
  const title = "HSTS (Strict-Transport-Security)";
  const why =
    "HSTS makes browsers use HTTPS for this name even when someone types http://, closing the first-visit downgrade.";
  const header = `Strict-Transport-Security: max-age=${ONE_YEAR}; includeSubDomains`;
  const r = await fetchOnce(`https://${host}/`, ctx.net, ctx.dns);
  if (!r.ok)
    return result(
      "domains",
      key,
      title,
      "fail",
      `https://${host}/ does not answer: ${r.error}.`,
      why,
      `Serve HTTPS on ${host}, then send ${header}.`,
    );
  const raw = r.reply.headers["strict-transport-security"];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value)
    return result(
      "domains",
      key,
      title,
      "fail",
      `https://${host}/ sends no Strict-Transport-Security header.`,
      why,
      `Send the header on every HTTPS response: ${header}`,
    );
  const maxAge = Number(/max-age\s*=\s*"?(\d+)/i.exec(value)?.[1] ?? NaN);
  const sub = /includesubdomains/i.test(value);
  const preload = /(^|;)\s*preload\s*(;|$)/i.test(value);
  const days = Number.isFinite(maxAge) ? Math.floor(maxAge / 86400) : null;
  const preloadReady = Number.isFinite(maxAge) && maxAge >= ONE_YEAR && sub && preload;
  const advice = preloadReady
    ? "Preload-ready (max-age ≥ 1 year, includeSubDomains, preload): you may submit the domain to hstspreload.org."
    : "Not preload-ready; that is optional — add includeSubDomains; preload only once every subdomain serves HTTPS.";
  if (!Number.isFinite(maxAge) || maxAge < ONE_YEAR)
    return result(
      "domains",
      key,
      title,
      "warn",
      `Strict-Transport-Security: ${value} — max-age is ${days ?? "missing"} day(s), under one year. ${advice}`,
      why,
      `Raise it: ${header}`,
      days,
    );
  return result(
    "domains",
    key,
    title,
    "pass",
    `Strict-Transport-Security: ${value}. ${advice}`,
    why,
    null,
    days,
  );
}
