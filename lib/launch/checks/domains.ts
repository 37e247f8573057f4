/** Domain checks: the name resolves, apex and www agree, HTTP goes to HTTPS, HSTS, CAA vs issuer. */
import type { CheckResult } from "../types";
import { selfAndParents } from "./network-dns";
import { fetchOnce, hostPair, isPrivateAddress, walkRedirects } from "./network-http";
import { result, type NetContext } from "./network-context";
import { caaAllowsIssuer, issuerName } from "./domains-caa";

const ONE_YEAR = 31_536_000;

/** A/AAAA/CNAME, HTTP → HTTPS, HSTS and CAA for one entered host. */
export async function checkDomain(ctx: NetContext, host: string): Promise<CheckResult[]> {
  const [resolve, redirect, hsts, caa] = await Promise.all([
    checkResolves(ctx, host),
    checkHttpsRedirect(ctx, host),
    checkHsts(ctx, host),
    checkCaa(ctx, host),
  ]);
  return [resolve, redirect, hsts, caa];
}

async function checkResolves(ctx: NetContext, host: string): Promise<CheckResult> {
  const [a, aaaa, cname] = await Promise.all([
    ctx.dns.a(host),
    ctx.dns.aaaa(host),
    ctx.dns.cname(host),
  ]);
  const key = `dns.resolve:${host}`;
  const title = `${host} resolves`;
  const why =
    "Browsers and API clients can only reach the site if its name resolves to an address.";
  const addrs = [...a.records, ...aaaa.records];
  const via = cname.records.length ? ` via CNAME ${cname.records[0]}` : "";
  if (!addrs.length) {
    const what =
      a.status === "error"
        ? `The DNS lookup failed (${a.error}).`
        : a.status === "nxdomain"
          ? `${host} does not exist in DNS (NXDOMAIN).`
          : `${host} exists but has no A or AAAA record${via}.`;
    return result(
      "domains",
      key,
      title,
      "fail",
      what,
      why,
      `Add a DNS record: ${host} A <your server's public IPv4> (and AAAA for IPv6), or ${host} CNAME <your host's name>.`,
    );
  }
  const shown = `A ${a.records.join(", ") || "none"}; AAAA ${aaaa.records.join(", ") || "none"}${via}`;
  const priv = addrs.filter(isPrivateAddress);
  if (priv.length && !ctx.net.allowPrivate)
    return result(
      "domains",
      key,
      title,
      "fail",
      `${host} resolves to a private address (${priv.join(", ")}): ${shown}. Checks refuse private addresses.`,
      "A private address cannot be reached from the internet, so visitors cannot reach the site.",
      `Point ${host} at the server's public address (A/AAAA), or allow private addresses (LAUNCH_ALLOW_PRIVATE=1) if this is a self-hosted LAN setup.`,
    );
  return result("domains", key, title, "pass", `${host} resolves: ${shown}.`, why, null);
}

/** The production host's apex and www answer with the same addresses (or one aliases the other). */
export async function checkApexWww(ctx: NetContext, host: string): Promise<CheckResult[]> {
  const [first, second] = hostPair(host);
  const apex = first.startsWith("www.") ? second : first;
  const www = `www.${apex}`;
  const key = `dns.www:${apex}`;
  const title = "Apex and www agree";
  const why =
    "People type both forms; if one is missing or points elsewhere, some visitors land on an error or an old site.";
  const lookup = async (n: string) => {
    const [a, aaaa, cname] = await Promise.all([ctx.dns.a(n), ctx.dns.aaaa(n), ctx.dns.cname(n)]);
    return {
      addrs: [...a.records, ...aaaa.records].sort(),
      cname: cname.records[0]?.toLowerCase(),
    };
  };
  const [ap, ww] = await Promise.all([lookup(apex), lookup(www)]);
  if (!ap.addrs.length || !ww.addrs.length) {
    const missing = !ap.addrs.length ? apex : www;
    const other = missing === apex ? www : apex;
    return [
      result(
        "domains",
        key,
        title,
        "fail",
        `${missing} does not resolve (${other} does).`,
        why,
        missing === www
          ? `Add ${www} CNAME ${apex}, and redirect it to https://${apex}/ with a 301.`
          : `Add ${apex} A <the same address as ${www}> (or an ALIAS/flattened CNAME to ${www}).`,
      ),
    ];
  }
  if (ww.cname === apex || ap.cname === www || ap.addrs.join() === ww.addrs.join())
    return [
      result(
        "domains",
        key,
        title,
        "pass",
        `${apex} and ${www} answer with the same addresses (${ap.addrs.join(", ")})${ww.cname === apex ? `; ${www} is a CNAME of ${apex}` : ""}.`,
        why,
        null,
      ),
    ];
  return [
    result(
      "domains",
      key,
      title,
      "warn",
      `${apex} → ${ap.addrs.join(", ")} but ${www} → ${ww.addrs.join(", ")}.`,
      why,
      `Point both at the same server: ${www} CNAME ${apex}, then redirect one name to the other with a 301.`,
    ),
  ];
}

async function checkHttpsRedirect(ctx: NetContext, host: string): Promise<CheckResult> {
  const key = `http.redirect:${host}`;
  const title = "HTTP redirects to HTTPS";
  const why =
    "Anyone who types the bare name or follows an old http:// link must end up on the encrypted site.";
  const fix = `Answer every http://${host} request with "301 Moved Permanently" to https://${host} plus the same path.`;
  const walk = await walkRedirects(`http://${host}/`, hostPair(host), ctx.net, ctx.dns);
  const chain = walk.hops.map((h) => `${h.status} → ${h.headers.location}`).join(", ");
  if (walk.stopped?.kind === "off-host")
    return result("domains", key, title, "fail", `${walk.stopped.detail}; not followed.`, why, fix);
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

async function checkHsts(ctx: NetContext, host: string): Promise<CheckResult> {
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

async function checkCaa(ctx: NetContext, host: string): Promise<CheckResult> {
  const key = `dns.caa:${host}`;
  const title = "CAA allows the certificate's issuer";
  const why =
    "CAA records name the only CAs allowed to issue for the domain; if they leave out the one in use, the next renewal fails.";
  let found: { at: string; values: string[] } | null = null;
  for (const name of selfAndParents(host)) {
    const caa = await ctx.dns.caa(name);
    if (caa.status === "error")
      return result(
        "domains",
        key,
        title,
        "warn",
        `The CAA lookup for ${name} failed (${caa.error}).`,
        why,
        "Re-run the check; if it keeps failing, ask your DNS provider why CAA queries fail.",
      );
    if (caa.records.length) {
      found = {
        at: name,
        values: caa.records.filter((r) => r.issue !== undefined).map((r) => String(r.issue)),
      };
      break;
    }
  }
  const tls = await ctx.tls(host);
  const issuer = tls.cert ? issuerName(tls.cert.cert) : null;
  if (!found || !found.values.length)
    return result(
      "domains",
      key,
      title,
      "pass",
      `No CAA "issue" records for ${host} or its parents: any CA may issue${issuer ? ` (current issuer: ${issuer})` : ""}. Optional hardening: add a CAA record naming your CA.`,
      why,
      null,
    );
  const records = found.values.map((v) => `${found.at} CAA 0 issue "${v}"`).join("; ");
  if (!tls.cert)
    return result(
      "domains",
      key,
      title,
      "warn",
      `CAA: ${records}. No certificate could be read from ${host}, so the issuer in use is unknown.`,
      why,
      "Fix HTTPS on this host first (see TLS checks), then re-run.",
    );
  const verdict = caaAllowsIssuer(tls.cert.cert, found.values);
  if (verdict.allowed)
    return result(
      "domains",
      key,
      title,
      "pass",
      `CAA (${records}) allows the issuer in use, ${issuer} (matches "${verdict.match}").`,
      why,
      null,
    );
  return result(
    "domains",
    key,
    title,
    "fail",
    `CAA (${records}) does not allow the issuer in use, ${issuer}.`,
    why,
    `Add a CAA record for your CA: ${found.at} CAA 0 issue "${verdict.suggest ?? "<your CA's CAA domain>"}" (keep the existing ones if you still use that CA).`,
  );
}
