/** Email authentication for the sending domain: MX, SPF, DKIM, DMARC. */
import { createPublicKey } from "node:crypto";
import { isIP } from "node:net";
import type { CheckResult } from "../types";
import { countSpfLookups, evaluateSpf, parseSpf, spfRecordsAt } from "./email-auth-spf";
import { result, type NetContext } from "./network-context";
import type { NetworkCheckInput } from "./network";

export const SPF_MAX_LOOKUPS = 10;
export const DKIM_MIN_RSA_BITS = 1024;

/** The domain of an address like "Launch Ready <hello@example.com>", or null. */
export function sendingDomain(emailFrom: string): string | null {
  const addr = /<([^>]+)>/.exec(emailFrom)?.[1] ?? emailFrom;
  const at = addr.trim().lastIndexOf("@");
  if (at < 1) return null;
  const d = addr
    .trim()
    .slice(at + 1)
    .toLowerCase()
    .replace(/\.$/, "");
  return /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]{2,}$/.test(d) ? d : null;
}

/** Every email-authentication result for the sending domain in EMAIL_FROM. */
export async function checkEmailAuth(
  ctx: NetContext,
  input: NetworkCheckInput,
): Promise<CheckResult[]> {
  const domain = input.emailFrom ? sendingDomain(input.emailFrom) : null;
  if (!domain)
    return [
      result(
        "email",
        "email.domain",
        "Sending domain",
        input.emailFrom ? "fail" : "not_configured",
        input.emailFrom
          ? `"${input.emailFrom}" has no usable domain.`
          : "No sending address (EMAIL_FROM) is set.",
        "SPF, DKIM and DMARC are published on the domain mail is sent from.",
        'Set EMAIL_FROM to the address customers see, e.g. "Acme <hello@acme.com>".',
      ),
    ];
  const [mx, spf, dkim, dmarc] = await Promise.all([
    checkMx(ctx, domain),
    checkSpf(ctx, domain, input.smtpHost),
    checkDkim(ctx, domain, input.dkimSelectors),
    checkDmarc(ctx, domain),
  ]);
  return [mx, ...spf, ...dkim, ...dmarc];
}

async function checkMx(ctx: NetContext, domain: string): Promise<CheckResult> {
  const mx = await ctx.dns.mx(domain);
  const why =
    "Replies and bounces go to the domain's MX; many receivers distrust mail from a domain that cannot receive any.";
  if (mx.records.length)
    return result(
      "email",
      `email.mx:${domain}`,
      "MX records",
      "pass",
      `MX: ${mx.records
        .sort((a, b) => a.priority - b.priority)
        .map((r) => `${r.priority} ${r.exchange}`)
        .join(", ")}.`,
      why,
      null,
    );
  return result(
    "email",
    `email.mx:${domain}`,
    "MX records",
    "fail",
    mx.status === "error" ? `The MX lookup failed (${mx.error}).` : `${domain} has no MX record.`,
    why,
    `Add the MX records your mail provider gives you, e.g. ${domain} MX 10 <your provider's mail host>.`,
  );
}

async function checkSpf(
  ctx: NetContext,
  domain: string,
  smtpHost?: string,
): Promise<CheckResult[]> {
  const why =
    "SPF tells receivers which servers may send for the domain; without one valid record, mail lands in spam or is rejected.";
  const found = await spfRecordsAt(ctx.dns, domain);
  const key = `email.spf:${domain}`;
  const title = "One valid SPF record";
  if (found.status === "error")
    return [
      result(
        "email",
        key,
        title,
        "fail",
        `The TXT lookup for ${domain} failed (${found.error}).`,
        why,
        "Re-run; if it keeps failing, check the domain's DNS hosting.",
      ),
    ];
  if (!found.records.length)
    return [
      result(
        "email",
        key,
        title,
        "fail",
        `${domain} has no SPF record (TXT "v=spf1 …").`,
        why,
        `Add TXT at ${domain}: "v=spf1 include:<your mail provider's SPF domain> -all".`,
      ),
    ];
  if (found.records.length > 1)
    return [
      result(
        "email",
        key,
        title,
        "fail",
        `${domain} has ${found.records.length} SPF records (${found.records.map((r) => `"${r}"`).join(", ")}); receivers treat that as a permanent error and ignore SPF.`,
        why,
        `Merge them into one TXT record at ${domain} with all mechanisms and a single -all, and delete the others.`,
      ),
    ];
  const record = found.records[0];
  const parsed = parseSpf(record);
  if (parsed.errors.length)
    return [
      result(
        "email",
        key,
        title,
        "fail",
        `"${record}" is not valid SPF: ${parsed.errors.join("; ")}.`,
        why,
        `Correct the TXT record at ${domain} (mechanisms are ip4:, ip6:, a, mx, include:, exists:, all).`,
      ),
    ];
  const out = [result("email", key, title, "pass", `One SPF record: "${record}".`, why, null)];

  const lookups = await countSpfLookups(ctx.dns, domain);
  const lkWhy =
    "Receivers stop after 10 DNS lookups while evaluating SPF; past that the record fails as a whole (permerror).";
  const notes = lookups.notes.length ? ` Notes: ${lookups.notes.join("; ")}.` : "";
  out.push(
    lookups.count > SPF_MAX_LOOKUPS
      ? result(
          "email",
          `email.spf-lookups:${domain}`,
          "SPF within 10 DNS lookups",
          "fail",
          `Evaluating SPF takes ${lookups.count} DNS lookups (limit ${SPF_MAX_LOOKUPS}), counting includes recursively.${notes}`,
          lkWhy,
          "Remove includes of services you no longer use, or replace an include with the ip4:/ip6: ranges it lists.",
          lookups.count,
        )
      : result(
          "email",
          `email.spf-lookups:${domain}`,
          "SPF within 10 DNS lookups",
          "pass",
          `Evaluating SPF takes ${lookups.count} of ${SPF_MAX_LOOKUPS} DNS lookups${lookups.count === SPF_MAX_LOOKUPS ? " — at the limit: one more include breaks it" : ""}.${notes}`,
          lkWhy,
          null,
          lookups.count,
        ),
  );

  out.push(await checkSpfAll(ctx, domain, parsed));

  const covKey = `email.spf-covers:${domain}`;
  const covTitle = "SPF covers the mail server in use";
  const covWhy =
    "Mail from a server SPF does not list fails SPF, and with DMARC that means spam folder or rejection.";
  if (!smtpHost)
    out.push(
      result(
        "email",
        covKey,
        covTitle,
        "not_configured",
        "No SMTP host is configured, so there is no sending server to compare.",
        covWhy,
        "Set SMTP_URL to the mail server the dashboard sends through.",
      ),
    );
  else {
    const ips = isIP(smtpHost)
      ? [smtpHost]
      : [...(await ctx.dns.a(smtpHost)).records, ...(await ctx.dns.aaaa(smtpHost)).records];
    if (!ips.length)
      out.push(
        result(
          "email",
          covKey,
          covTitle,
          "warn",
          `The SMTP host ${smtpHost} does not resolve, so its address cannot be compared with SPF.`,
          covWhy,
          `Check SMTP_URL: ${smtpHost} should resolve to the sending server.`,
        ),
      );
    else {
      const verdicts = await Promise.all(
        ips.map(async (ip) => ({ ip, r: await evaluateSpf(ctx.dns, domain, ip) })),
      );
      const bad = verdicts.filter((v) => v.r !== "pass");
      out.push(
        bad.length
          ? result(
              "email",
              covKey,
              covTitle,
              "fail",
              `SPF of ${domain} gives "${bad[0].r}" for the SMTP host ${smtpHost} (${bad.map((b) => b.ip).join(", ")}).`,
              covWhy,
              `Add the sending server to the SPF record at ${domain}: ${bad.map((b) => (isIP(b.ip) === 6 ? `ip6:${b.ip}` : `ip4:${b.ip}`)).join(" ")} (or include: your provider's SPF domain), before the all.`,
            )
          : result(
              "email",
              covKey,
              covTitle,
              "pass",
              `SPF of ${domain} passes the SMTP host ${smtpHost} (${ips.join(", ")}).`,
              covWhy,
              null,
            ),
      );
    }
  }
  return out;
}

async function checkSpfAll(
  ctx: NetContext,
  domain: string,
  parsed: ReturnType<typeof parseSpf>,
): Promise<CheckResult> {
  const key = `email.spf-all:${domain}`;
  const title = "SPF ends in ~all or -all";
  const why =
    "The final all says what receivers do with servers not listed; only ~all or -all stop others from sending as you.";
  const fix = `End the SPF record at ${domain} with -all (or ~all while you are still finding every sender).`;
  let terms = parsed.terms;
  let via = "";
  const redirect = terms.find((t) => t.kind === "modifier" && t.name === "redirect");
  if (
    !terms.some((t) => t.kind === "mechanism" && t.name === "all") &&
    redirect?.kind === "modifier"
  ) {
    const target = await spfRecordsAt(ctx.dns, redirect.value);
    if (target.records.length === 1) {
      terms = parseSpf(target.records[0]).terms;
      via = ` (via redirect=${redirect.value})`;
    }
  }
  const all = terms.find((t) => t.kind === "mechanism" && t.name === "all");
  if (!all || all.kind !== "mechanism")
    return result(
      "email",
      key,
      title,
      "warn",
      `The SPF record has no all${via}: unlisted servers get "neutral".`,
      why,
      fix,
    );
  const q = all.qualifier;
  if (q === "-" || q === "~")
    return result("email", key, title, "pass", `Ends in ${q}all${via}.`, why, null);
  if (q === "+")
    return result(
      "email",
      key,
      title,
      "fail",
      `Ends in +all${via}: every server on the internet may send as ${domain}.`,
      why,
      fix,
    );
  return result(
    "email",
    key,
    title,
    "warn",
    `Ends in ?all${via}: unlisted servers are "neutral", not refused.`,
    why,
    fix,
  );
}

function dkimTags(txt: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const part of txt.split(";")) {
    const i = part.indexOf("=");
    if (i > 0) tags[part.slice(0, i).trim().toLowerCase()] = part.slice(i + 1).replace(/\s+/g, "");
  }
  return tags;
}

const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** Key type and size of a DKIM p= value, or why it is not a key. */
export function dkimKey(
  k: string,
  p: string,
): { ok: true; type: "rsa" | "ed25519"; bits: number } | { ok: false; reason: string } {
  const der = Buffer.from(p, "base64");
  try {
    if (k === "ed25519") {
      if (der.length !== 32)
        return { ok: false, reason: `an Ed25519 key is 32 bytes, this one is ${der.length}` };
      createPublicKey({
        key: Buffer.concat([ED25519_SPKI_PREFIX, der]),
        format: "der",
        type: "spki",
      });
      return { ok: true, type: "ed25519", bits: 256 };
    }
    if (k !== "rsa") return { ok: false, reason: `unknown key type k=${k}` };
    let key;
    try {
      key = createPublicKey({ key: der, format: "der", type: "spki" });
    } catch {
      key = createPublicKey({ key: der, format: "der", type: "pkcs1" });
    }
    if (key.asymmetricKeyType !== "rsa")
      return { ok: false, reason: `k=rsa but the key is ${key.asymmetricKeyType}` };
    return { ok: true, type: "rsa", bits: key.asymmetricKeyDetails?.modulusLength ?? 0 };
  } catch {
    return { ok: false, reason: "p= does not decode to a public key" };
  }
}

async function checkDkim(
  ctx: NetContext,
  domain: string,
  selectors: string[],
): Promise<CheckResult[]> {
  const why =
    "DKIM signs each message so receivers can prove it came from you untouched; DMARC needs it to pass.";
  const names = [...new Set(selectors.map((s) => s.trim()).filter(Boolean))];
  if (!names.length)
    return [
      result(
        "email",
        `email.dkim:${domain}`,
        "DKIM key",
        "not_configured",
        "No DKIM selectors are named.",
        why,
        "Name the selector(s) your mail provider signs with (the s= in a DKIM-Signature header, e.g. s1, google, k1) in the launch settings.",
      ),
    ];
  return Promise.all(
    names.map(async (sel) => {
      const name = `${sel}._domainkey.${domain}`;
      const key = `email.dkim:${name}`;
      const title = `DKIM key (selector ${sel})`;
      const addFix = `Publish your provider's key: TXT at ${name} "v=DKIM1; k=rsa; p=<public key>" (2048-bit RSA or Ed25519).`;
      const txt = await ctx.dns.txt(name);
      const rec = txt.records.find((r) => /(^|;)\s*p\s*=/i.test(r));
      if (!rec)
        return result(
          "email",
          key,
          title,
          "fail",
          txt.status === "error"
            ? `The lookup of ${name} failed (${txt.error}).`
            : `No DKIM key at ${name}.`,
          why,
          addFix,
        );
      const tags = dkimTags(rec);
      if (tags.v && tags.v !== "DKIM1")
        return result(
          "email",
          key,
          title,
          "fail",
          `${name} has v=${tags.v}, not DKIM1.`,
          why,
          addFix,
        );
      if (!tags.p)
        return result(
          "email",
          key,
          title,
          "fail",
          `The key at ${name} is revoked (empty p=).`,
          why,
          addFix,
        );
      const parsed = dkimKey((tags.k ?? "rsa").toLowerCase(), tags.p);
      if (!parsed.ok)
        return result(
          "email",
          key,
          title,
          "fail",
          `The key at ${name} is unusable: ${parsed.reason}.`,
          why,
          addFix,
        );
      if (parsed.type === "ed25519")
        return result(
          "email",
          key,
          title,
          "pass",
          `Ed25519 key at ${name}.`,
          why,
          null,
          parsed.bits,
        );
      if (parsed.bits < DKIM_MIN_RSA_BITS)
        return result(
          "email",
          key,
          title,
          "fail",
          `RSA ${parsed.bits}-bit key at ${name}: below ${DKIM_MIN_RSA_BITS} bits, receivers ignore or reject it.`,
          why,
          `Rotate to a 2048-bit key in your mail provider and publish it at ${name}.`,
          parsed.bits,
        );
      return result(
        "email",
        key,
        title,
        "pass",
        `RSA ${parsed.bits}-bit key at ${name}${parsed.bits < 2048 ? " (2048-bit is recommended at the next rotation)" : ""}.`,
        why,
        null,
        parsed.bits,
      );
    }),
  );
}

async function checkDmarc(ctx: NetContext, domain: string): Promise<CheckResult[]> {
  const name = `_dmarc.${domain}`;
  const key = `email.dmarc:${domain}`;
  const why =
    "DMARC tells receivers what to do with mail that fails SPF and DKIM alignment; without an enforcing policy anyone can send as you.";
  const suggested = `TXT at ${name}: "v=DMARC1; p=quarantine; rua=mailto:dmarc@${domain}; adkim=s; aspf=s"`;
  const txt = await ctx.dns.txt(name);
  const recs = txt.records.filter((r) => /^v=DMARC1\s*(;|$)/i.test(r.trim()));
  if (recs.length !== 1)
    return [
      result(
        "email",
        key,
        "DMARC policy",
        "fail",
        txt.status === "error"
          ? `The lookup of ${name} failed (${txt.error}).`
          : recs.length
            ? `${name} has ${recs.length} DMARC records; receivers ignore all of them.`
            : `No DMARC record at ${name}.`,
        why,
        recs.length ? `Keep exactly one: ${suggested}` : `Add ${suggested}`,
      ),
    ];
  const tags = dkimTags(recs[0]);
  const out: CheckResult[] = [];
  const p = tags.p?.toLowerCase();
  const pct = tags.pct ? Number(tags.pct) : 100;
  if (p === "reject" || p === "quarantine")
    out.push(
      pct < 100
        ? result(
            "email",
            key,
            "DMARC policy",
            "warn",
            `p=${p}, but only for pct=${pct}% of failing mail.`,
            why,
            `Raise to pct=100 (or drop pct) at ${name}.`,
            pct,
          )
        : result("email", key, "DMARC policy", "pass", `"${recs[0]}": p=${p}.`, why, null),
    );
  else if (p === "none")
    out.push(
      result(
        "email",
        key,
        "DMARC policy",
        "warn",
        `"${recs[0]}": p=none only monitors; failing mail is still delivered.`,
        why,
        `Once reports show your own mail passing, change to p=quarantine (then p=reject) at ${name}.`,
      ),
    );
  else
    out.push(
      result(
        "email",
        key,
        "DMARC policy",
        "fail",
        `"${recs[0]}" has ${p ? `an invalid p=${p}` : "no p= tag"}.`,
        why,
        `Replace it: ${suggested}`,
      ),
    );

  const rua = tags.rua;
  out.push(
    rua && /mailto:/i.test(rua)
      ? result(
          "email",
          `email.dmarc-rua:${domain}`,
          "DMARC reports (rua)",
          "pass",
          `Aggregate reports go to ${rua}.`,
          "Reports show who sends as your domain and whether it passes.",
          null,
        )
      : result(
          "email",
          `email.dmarc-rua:${domain}`,
          "DMARC reports (rua)",
          "warn",
          `No rua= in the DMARC record: nobody receives the aggregate reports.`,
          "Without reports you cannot see which senders fail before tightening the policy.",
          `Add rua=mailto:dmarc@${domain} to the record at ${name}.`,
        ),
  );

  const mode = (v?: string) =>
    v?.toLowerCase() === "s" ? "strict" : v?.toLowerCase() === "r" ? "relaxed" : null;
  const adkim = mode(tags.adkim);
  const aspf = mode(tags.aspf);
  const alignWhy =
    "Alignment says whether the DKIM/SPF domain must equal the From domain exactly (strict) or may be a subdomain (relaxed).";
  out.push(
    adkim && aspf
      ? result(
          "email",
          `email.dmarc-alignment:${domain}`,
          "DMARC alignment stated",
          "pass",
          `DKIM alignment ${adkim}, SPF alignment ${aspf}.`,
          alignWhy,
          null,
        )
      : result(
          "email",
          `email.dmarc-alignment:${domain}`,
          "DMARC alignment stated",
          "warn",
          `${!adkim ? "adkim" : ""}${!adkim && !aspf ? " and " : ""}${!aspf ? "aspf" : ""} not stated (defaults to relaxed).`,
          alignWhy,
          `State it in the record at ${name}: adkim=s; aspf=s (or r if you send from subdomains).`,
        ),
  );
  return out;
}
