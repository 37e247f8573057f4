/** Domain checks: the name resolves, apex and www agree, HTTP goes to HTTPS, HSTS, CAA vs issuer. */
import type { CheckResult } from "../types";
import { selfAndParents } from "./network-dns";
import { hostPair, isPrivateAddress } from "./network-http";
import { checkHsts, checkHttpsRedirect } from "./domains-http";
import { result, type NetContext } from "./network-context";
import { caaAllowsIssuer, issuerName } from "./domains-caa";

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

const SECOND_LEVEL = /\.(co|com|net|org|gov|ac|edu|ne|or)\.[a-z]{2}$/i;
/** "example.com" or "example.co.uk" (not "app.example.com"), without a public-suffix list. */
function isApexLike(host: string): boolean {
  const labels = host.split(".").length;
  return labels === 2 || (labels === 3 && SECOND_LEVEL.test(host));
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
  if (!first.startsWith("www.") && !isApexLike(apex) && ap.addrs.length && !ww.addrs.length)
    return [
      result(
        "domains",
        key,
        title,
        "pass",
        `${apex} is a subdomain and ${www} does not exist; no www variant is expected for it.`,
        why,
        null,
      ),
    ];
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
