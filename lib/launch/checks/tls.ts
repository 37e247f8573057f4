/** TLS checks per host: trusted chain, name match, days to expiry (warn < 21, fail < 7), TLS ≥ 1.2 only. */
import { checkServerIdentity } from "node:tls";
import type { CheckResult } from "../types";
import { issuerName } from "./domains-caa";
import { result, type NetContext } from "./network-context";

const DAY = 86_400_000;
export const EXPIRY_WARN_DAYS = 21;
export const EXPIRY_FAIL_DAYS = 7;

const CHAIN_ERRORS: Record<string, { said: string; fix: string }> = {
  CERT_HAS_EXPIRED: {
    said: "the certificate has expired",
    fix: "Renew the certificate and reload the server (certbot renew, or your host's dashboard).",
  },
  DEPTH_ZERO_SELF_SIGNED_CERT: {
    said: "the certificate is self-signed, so no CA vouches for it",
    fix: "Install a certificate from a public CA (e.g. Let's Encrypt via certbot or your host's automatic TLS).",
  },
  SELF_SIGNED_CERT_IN_CHAIN: {
    said: "the chain ends at a root no browser trusts",
    fix: "Use a certificate from a public CA and serve its full chain.",
  },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: {
    said: "the server does not send the intermediate certificate, or the issuer is not trusted",
    fix: "Serve the full chain (fullchain.pem, not cert.pem).",
  },
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: {
    said: "the issuer of the certificate is not a trusted CA, or the intermediate is missing",
    fix: "Serve the full chain (fullchain.pem) from a public CA.",
  },
  CERT_NOT_YET_VALID: {
    said: "the certificate is not valid yet",
    fix: "Check the server clock and the certificate's start date; reissue if needed.",
  },
};

/** Chain, hostname, expiry and protocol results for one host. */
export async function checkTls(ctx: NetContext, host: string): Promise<CheckResult[]> {
  const keys = {
    chain: `tls.chain:${host}`,
    name: `tls.hostname:${host}`,
    expiry: `tls.expiry:${host}`,
    protocol: `tls.protocol:${host}`,
  };
  const why = {
    chain:
      "Browsers show a full-page warning and API clients refuse to connect when the chain does not lead to a trusted CA.",
    name: "A certificate for another name is rejected exactly like no certificate at all.",
    expiry: "An expired certificate takes the whole site down for every visitor at once.",
    protocol:
      "TLS 1.0 and 1.1 are retired (RFC 8996); current browsers refuse them, and accepting them invites downgrade attacks.",
  };
  const t = await ctx.tls(host);
  if (!t.cert) {
    const reason = !t.target.ok
      ? t.target.reason
      : t.modern && !t.modern.ok
        ? t.modern.error
        : "no handshake";
    const said = `No TLS handshake with ${host} on port ${ctx.net.httpsPort}: ${reason}.`;
    const fix = `Serve HTTPS on ${host} (port 443) with a certificate from a public CA.`;
    return [
      result("tls", keys.chain, "Certificate chain trusted", "fail", said, why.chain, fix),
      result("tls", keys.name, "Certificate matches the name", "fail", said, why.name, fix),
      result("tls", keys.expiry, "Certificate expiry", "fail", said, why.expiry, fix),
      result("tls", keys.protocol, "TLS 1.2 or newer only", "fail", said, why.protocol, fix),
    ];
  }
  const { cert, authorized, authorizationError } = t.cert;
  const issuer = issuerName(cert);
  const out: CheckResult[] = [];

  if (authorized)
    out.push(
      result(
        "tls",
        keys.chain,
        "Certificate chain trusted",
        "pass",
        `The chain validates (issued by ${issuer}).`,
        why.chain,
        null,
      ),
    );
  else {
    const known = CHAIN_ERRORS[authorizationError ?? ""];
    out.push(
      result(
        "tls",
        keys.chain,
        "Certificate chain trusted",
        "fail",
        `The chain does not validate: ${known?.said ?? authorizationError} (issuer: ${issuer}).`,
        why.chain,
        known?.fix ?? "Install a certificate from a public CA and serve the full chain.",
      ),
    );
  }

  const names = cert.subjectaltname ?? `CN=${String(cert.subject?.CN ?? "")}`;
  const mismatch = checkServerIdentity(host, cert);
  out.push(
    mismatch
      ? result(
          "tls",
          keys.name,
          "Certificate matches the name",
          "fail",
          `The certificate is for ${names}, not ${host}.`,
          why.name,
          `Issue a certificate that lists ${host} (subjectAltName DNS:${host}) and install it for this name.`,
        )
      : result(
          "tls",
          keys.name,
          "Certificate matches the name",
          "pass",
          `The certificate covers ${host} (${names}).`,
          why.name,
          null,
        ),
  );

  const validTo = new Date(cert.valid_to);
  const days = Math.floor((validTo.getTime() - ctx.now.getTime()) / DAY);
  const date = Number.isNaN(validTo.getTime()) ? cert.valid_to : validTo.toISOString().slice(0, 10);
  const renew =
    "Renew the certificate now and check that automatic renewal runs (certbot renew --dry-run, or your host's TLS settings).";
  if (days < 0)
    out.push(
      result(
        "tls",
        keys.expiry,
        "Certificate expiry",
        "fail",
        `The certificate expired ${-days} day(s) ago (${date}).`,
        why.expiry,
        renew,
        days,
      ),
    );
  else if (days < EXPIRY_FAIL_DAYS)
    out.push(
      result(
        "tls",
        keys.expiry,
        "Certificate expiry",
        "fail",
        `The certificate expires in ${days} day(s) (${date}).`,
        why.expiry,
        renew,
        days,
      ),
    );
  else if (days < EXPIRY_WARN_DAYS)
    out.push(
      result(
        "tls",
        keys.expiry,
        "Certificate expiry",
        "warn",
        `The certificate expires in ${days} days (${date}); automatic renewal usually happens by 30 days left.`,
        why.expiry,
        renew,
        days,
      ),
    );
  else
    out.push(
      result(
        "tls",
        keys.expiry,
        "Certificate expiry",
        "pass",
        `The certificate expires in ${days} days (${date}).`,
        why.expiry,
        null,
        days,
      ),
    );

  // Decision: 1.2+ together with 1.0/1.1 is a warn (clients are fine, old protocols must go);
  // 1.0/1.1 only is a fail (current browsers cannot connect at all).
  const legacy = await t.legacy();
  const old = [legacy.v10 && "TLS 1.0", legacy.v11 && "TLS 1.1"].filter(Boolean).join(" and ");
  const minFix =
    "Set the minimum TLS version to 1.2 (nginx: ssl_protocols TLSv1.2 TLSv1.3; Caddy: protocols tls1.2 tls1.3; Cloudflare: SSL/TLS → Edge Certificates → Minimum TLS Version 1.2).";
  if (!t.modern?.ok)
    out.push(
      result(
        "tls",
        keys.protocol,
        "TLS 1.2 or newer only",
        "fail",
        `${host} speaks only ${old || "old TLS versions"}; a TLS 1.2/1.3 handshake fails.`,
        why.protocol,
        "Enable TLS 1.2 and 1.3 on the server and disable 1.0/1.1 (nginx: ssl_protocols TLSv1.2 TLSv1.3).",
      ),
    );
  else if (old)
    out.push(
      result(
        "tls",
        keys.protocol,
        "TLS 1.2 or newer only",
        "warn",
        `Negotiates ${t.modern.protocol}, but still accepts ${old}.`,
        why.protocol,
        minFix,
      ),
    );
  else
    out.push(
      result(
        "tls",
        keys.protocol,
        "TLS 1.2 or newer only",
        "pass",
        `Negotiates ${t.modern.protocol}; TLS 1.0 and 1.1 are refused.`,
        why.protocol,
        null,
      ),
    );
  return out;
}
