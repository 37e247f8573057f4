/** Which CAA "issue" values name the CA that issued a certificate. */
import type { PeerCertificate } from "node:tls";

/** Well-known CAs whose CAA domain is not their name (or is one of several). */
const KNOWN: { match: RegExp; caa: string[] }[] = [
  { match: /let'?s ?encrypt|isrg/i, caa: ["letsencrypt.org"] },
  { match: /google trust services|\bgts\b/i, caa: ["pki.goog"] },
  { match: /amazon/i, caa: ["amazon.com", "amazontrust.com", "awstrust.com", "amazonaws.com"] },
  { match: /digicert|geotrust|rapidssl|thawte/i, caa: ["digicert.com"] },
  { match: /sectigo|comodo|zerossl|usertrust/i, caa: ["sectigo.com", "comodoca.com"] },
  { match: /globalsign/i, caa: ["globalsign.com"] },
  { match: /go ?daddy|starfield/i, caa: ["godaddy.com", "starfieldtech.com"] },
  { match: /buypass/i, caa: ["buypass.com"] },
  { match: /entrust/i, caa: ["entrust.net"] },
  { match: /ssl\.com/i, caa: ["ssl.com"] },
  { match: /microsoft/i, caa: ["microsoft.com"] },
];

const field = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/** The issuer's organisation (or common name), as people know the CA. */
export function issuerName(cert: PeerCertificate): string {
  return field(cert.issuer?.O) || field(cert.issuer?.CN) || "an unnamed issuer";
}

/**
 * True when one CAA issue value names the certificate's CA: a known CA's CAA domains, or a CAA
 * domain whose first label is part of the issuer's organisation ("sectigo.com" ↔ "Sectigo Limited").
 */
export function caaAllowsIssuer(
  cert: PeerCertificate,
  issueValues: string[],
): { allowed: boolean; match?: string; suggest?: string } {
  const org = `${field(cert.issuer?.O)} ${field(cert.issuer?.CN)}`;
  const known = KNOWN.find((k) => k.match.test(org));
  for (const raw of issueValues) {
    const domain = raw.split(";")[0].trim().toLowerCase();
    if (!domain) continue; // ";" alone forbids every CA
    if (known?.caa.includes(domain)) return { allowed: true, match: domain };
    const label = squash(domain.split(".")[0]);
    if (label.length >= 4 && squash(org).includes(label)) return { allowed: true, match: domain };
  }
  const guess =
    known?.caa[0] ??
    (field(cert.issuer?.O) ? `${squash(field(cert.issuer?.O).split(" ")[0])}.<tld>` : undefined);
  return { allowed: false, suggest: guess };
}
