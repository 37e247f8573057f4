/**
 * The fixture zones and hosts: DNS records of good.test, broken.test and borderline.test, how each
 * host answers over HTTP and HTTPS, and which certificate it presents.
 */
import { generateKeyPairSync } from "node:crypto";
import type { Zone } from "./dns-server";
import type { CertKey, TestCa } from "./test-ca";

/** Zone apexes; every fixture name lives under one of them. */
export const FIXTURE_ZONES = {
  good: "good.test",
  broken: "broken.test",
  borderline: "borderline.test",
} as const;
/** The CAA value of the fixture CA (its organisation is "Fixturesign Test CA"). */
export const FIXTURE_CA_CAA = "fixturesign.test";

const LOCAL = ["127.0.0.1"];

export type HttpMode =
  | { kind: "redirect"; status: 301 | 302 | 307 | 308; to: (path: string) => string }
  | { kind: "plain" };

export interface HostProfile {
  /** Which certificate and TLS settings answer for this SNI name. */
  tls: "good" | "borderline" | "expired" | "expiring" | "wrong-host" | "self-signed" | "legacy";
  http: HttpMode;
  /** Headers on HTTPS responses (status 200), or a redirect on HTTPS too. */
  https: { headers: Record<string, string> } | { redirect: string };
}

const STRONG_HEADERS = {
  "strict-transport-security": "max-age=63072000; includeSubDomains; preload",
  "content-security-policy": "default-src 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
};
const CLOUDFLARE = { server: "cloudflare", "cf-ray": "8f1d2c3b4a596877-AMS" };

const toHttps = (host: string) => (path: string) => `https://${host}${path}`;

/** Every fixture host and how it behaves; names not listed here answer NXDOMAIN. */
export const HOSTS: Record<string, HostProfile> = {
  // good: permanent redirect to HTTPS, valid certificate, strong headers, behind Cloudflare.
  "good.test": {
    tls: "good",
    http: { kind: "redirect", status: 301, to: toHttps("good.test") },
    https: { headers: { ...STRONG_HEADERS, ...CLOUDFLARE } },
  },
  "www.good.test": {
    tls: "good",
    http: { kind: "redirect", status: 301, to: toHttps("good.test") },
    https: { redirect: "https://good.test/" },
  },
  "api.good.test": {
    tls: "good",
    http: { kind: "redirect", status: 308, to: toHttps("api.good.test") },
    https: { headers: { ...STRONG_HEADERS, ...CLOUDFLARE } },
  },
  "app.good.test": {
    tls: "good",
    http: { kind: "redirect", status: 301, to: toHttps("app.good.test") },
    https: { headers: { ...STRONG_HEADERS, ...CLOUDFLARE } },
  },
  // borderline: temporary redirect, certificate expiring in 12 days, TLS 1.0 still accepted,
  // short HSTS, three of five security headers; nameservers at Cloudflare but not proxied.
  "borderline.test": {
    tls: "borderline",
    http: { kind: "redirect", status: 302, to: toHttps("borderline.test") },
    https: {
      headers: {
        "strict-transport-security": "max-age=86400",
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
        server: "nginx",
      },
    },
  },
  "www.borderline.test": {
    tls: "borderline",
    http: { kind: "redirect", status: 302, to: toHttps("borderline.test") },
    https: { redirect: "https://borderline.test/" },
  },
  "api.borderline.test": {
    tls: "borderline",
    http: { kind: "redirect", status: 301, to: toHttps("api.borderline.test") },
    https: { headers: { "x-content-type-options": "nosniff", via: "1.1 varnish" } },
  },
  // broken: no redirect, expired certificate, no security headers, CAA naming another CA.
  "broken.test": { tls: "expired", http: { kind: "plain" }, https: { headers: {} } },
  "www.broken.test": { tls: "expired", http: { kind: "plain" }, https: { headers: {} } },
  "api.broken.test": {
    tls: "wrong-host",
    http: { kind: "redirect", status: 301, to: toHttps("api.broken.test") },
    https: { headers: {} },
  },
  "app.broken.test": {
    tls: "self-signed",
    http: { kind: "redirect", status: 301, to: toHttps("app.broken.test") },
    https: { headers: {} },
  },
  "legacy.broken.test": {
    tls: "legacy",
    http: { kind: "redirect", status: 301, to: toHttps("legacy.broken.test") },
    https: { headers: {} },
  },
  "expiring.broken.test": {
    tls: "expiring",
    http: { kind: "redirect", status: 301, to: toHttps("expiring.broken.test") },
    https: { headers: { "x-frame-options": "SAMEORIGIN" } },
  },
  // Redirects a checker must not follow: off the entered host, and a loop past 5 hops.
  "off.broken.test": {
    tls: "expired",
    http: { kind: "redirect", status: 301, to: () => "https://elsewhere.example/" },
    https: { redirect: "https://elsewhere.example/" },
  },
  "badloc.broken.test": {
    tls: "expired",
    http: { kind: "redirect", status: 301, to: () => "http://[::1" },
    https: { headers: {} },
  },
  "loop.broken.test": {
    tls: "expired",
    http: {
      kind: "redirect",
      status: 302,
      to: (path) => `http://loop.broken.test/${Number(path.slice(1) || 0) + 1}`,
    },
    https: { headers: {} },
  },
};

function spki(key: { export(o: { type: "spki"; format: "der" }): Buffer }): Buffer {
  return key.export({ type: "spki", format: "der" });
}
function dkimRsa(bits: number): string {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: bits });
  return `v=DKIM1; k=rsa; p=${spki(publicKey).toString("base64")}`;
}
function dkimEd25519(): string {
  const { publicKey } = generateKeyPairSync("ed25519");
  return `v=DKIM1; k=ed25519; p=${spki(publicKey).subarray(-32).toString("base64")}`;
}

/** The three fixture zones (DKIM keys are generated per call). */
export function fixtureZone(): Zone {
  return {
    // ----- good -----
    "good.test": {
      A: LOCAL,
      NS: ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"],
      MX: [{ priority: 10, exchange: "mx.good.test" }],
      TXT: ["v=spf1 mx include:_spf.good.test -all", "google-site-verification=fixture"],
      CAA: [
        { tag: "issue", value: FIXTURE_CA_CAA },
        { tag: "iodef", value: "mailto:security@good.test" },
      ],
    },
    "www.good.test": { CNAME: "good.test" },
    "api.good.test": { A: LOCAL },
    "app.good.test": { A: LOCAL },
    "mx.good.test": { A: LOCAL },
    "_spf.good.test": { TXT: ["v=spf1 ip4:127.0.0.0/8 ip6:::1 ~all"] },
    "s1._domainkey.good.test": { TXT: [dkimRsa(2048)] },
    "s2._domainkey.good.test": { TXT: [dkimEd25519()] },
    "_dmarc.good.test": {
      TXT: ["v=DMARC1; p=reject; rua=mailto:dmarc@good.test; adkim=s; aspf=r"],
    },
    // ----- borderline -----
    "borderline.test": {
      A: LOCAL,
      NS: ["kim.ns.cloudflare.com", "lee.ns.cloudflare.com"],
      MX: [{ priority: 10, exchange: "mx.borderline.test" }],
      // Exactly 10 DNS lookups: a, mx, include (3) + a, mx, include (3) + a, mx, a:, exists (4).
      TXT: ["v=spf1 a mx include:b1.borderline.test ~all"],
    },
    "b1.borderline.test": { TXT: ["v=spf1 a mx include:b2.borderline.test -all"] },
    "b2.borderline.test": {
      TXT: ["v=spf1 a mx a:mx.borderline.test exists:%{i}.spf.borderline.test -all"],
    },
    "www.borderline.test": { CNAME: "borderline.test" },
    "api.borderline.test": { A: LOCAL },
    "mx.borderline.test": { A: LOCAL },
    "s1._domainkey.borderline.test": { TXT: [dkimRsa(1024)] },
    "_dmarc.borderline.test": { TXT: ["v=DMARC1; p=none; rua=mailto:dmarc@borderline.test"] },
    // ----- broken -----
    "broken.test": {
      A: LOCAL,
      TXT: ["v=spf1 include:_spf.broken.test -all", "v=spf1 ip4:192.0.2.1 -all"],
      CAA: [{ tag: "issue", value: "letsencrypt.org" }],
    },
    "www.broken.test": { A: ["127.0.0.2"] },
    "api.broken.test": { A: LOCAL },
    "app.broken.test": { A: LOCAL },
    "legacy.broken.test": { A: LOCAL },
    "expiring.broken.test": { A: LOCAL },
    "off.broken.test": { A: LOCAL },
    "loop.broken.test": { A: LOCAL },
    "badloc.broken.test": { A: LOCAL },
    "_spf.broken.test": { TXT: ["v=spf1 ip4:192.0.2.0/24 -all"] },
    "s1._domainkey.broken.test": { TXT: [dkimRsa(512)] },
    "_dmarc.broken.test": { TXT: ["v=DMARC1; p=none"] },
    // Sending domains with one SPF fault each.
    "spf-deep.broken.test": { TXT: ["v=spf1 a mx include:d1.broken.test -all"] },
    "d1.broken.test": { TXT: ["v=spf1 a mx include:d2.broken.test -all"] },
    "d2.broken.test": {
      TXT: ["v=spf1 a mx ptr exists:%{i}.x.broken.test include:d3.broken.test -all"],
    },
    "d3.broken.test": { TXT: ["v=spf1 -all"] },
    "spf-open.broken.test": {
      TXT: ["v=spf1 +all"],
      MX: [{ priority: 10, exchange: "mx.good.test" }],
    },
    "spf-typo.broken.test": { TXT: ["v=spf1 ipv4:192.0.2.1 include -all"] },
    "spf-elsewhere.broken.test": { TXT: ["v=spf1 ip4:192.0.2.0/24 -all"] },
  };
}

export type TlsProfile = HostProfile["tls"];

export function certFor(ca: TestCa, profile: TlsProfile): CertKey {
  const good = ["good.test", "www.good.test", "api.good.test", "app.good.test"];
  const border = ["borderline.test", "www.borderline.test", "api.borderline.test"];
  switch (profile) {
    case "good":
      return ca.issue(good, { toDays: 80 });
    case "borderline":
    case "legacy":
      return ca.issue(profile === "legacy" ? ["legacy.broken.test"] : border, { toDays: 12 });
    case "expired":
      return ca.issue(["broken.test", "www.broken.test", "off.broken.test", "loop.broken.test"], {
        fromDays: -93,
        toDays: -3,
      });
    case "expiring":
      return ca.issue(["expiring.broken.test"], { toDays: 5 });
    case "wrong-host":
      return ca.issue(["elsewhere.test"]);
    case "self-signed":
      return ca.selfSigned(["app.broken.test"]);
  }
}
