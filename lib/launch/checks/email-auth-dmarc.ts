/** DMARC for the sending domain (or the organisational domain it inherits from). */
import type { CheckResult } from "../types";
import { tagList } from "./email-auth-dkim";
import { result, type NetContext } from "./network-context";
import { selfAndParents } from "./network-dns";

/** Policy, reports and alignment of the DMARC record that applies to the domain. */
export async function checkDmarc(ctx: NetContext, domain: string): Promise<CheckResult[]> {
  let at = domain;
  const key = `email.dmarc:${domain}`;
  const why =
    "DMARC tells receivers what to do with mail that fails SPF and DKIM alignment; without an enforcing policy anyone can send as you.";
  const isDmarc = (r: string) => /^v=DMARC1\s*(;|$)/i.test(r.trim());
  let txt = await ctx.dns.txt(`_dmarc.${domain}`);
  let recs = txt.records.filter(isDmarc);
  // Receivers fall back to the organisational domain's record (RFC 7489 §6.6.3).
  if (!recs.length && txt.status !== "error")
    for (const parent of selfAndParents(domain).slice(1)) {
      const up = await ctx.dns.txt(`_dmarc.${parent}`);
      if (up.records.some(isDmarc)) {
        at = parent;
        txt = up;
        recs = up.records.filter(isDmarc);
        break;
      }
    }
  const name = `_dmarc.${at}`;
  const inherited = at === domain ? "" : ` (inherited from ${at})`;
  const suggested = `TXT at _dmarc.${domain}: "v=DMARC1; p=quarantine; rua=mailto:dmarc@${domain}; adkim=s; aspf=s"`;
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
  const tags = tagList(recs[0]);
  const out: CheckResult[] = [];
  const p = (inherited && tags.sp ? tags.sp : tags.p)?.toLowerCase();
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
        : result(
            "email",
            key,
            "DMARC policy",
            "pass",
            `"${recs[0]}"${inherited}: p=${p}.`,
            why,
            null,
          ),
    );
  else if (p === "none")
    out.push(
      result(
        "email",
        key,
        "DMARC policy",
        "warn",
        `"${recs[0]}"${inherited}: p=none only monitors; failing mail is still delivered.`,
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
        `"${recs[0]}"${inherited} has ${p ? `an invalid p=${p}` : "no p= tag"}.`,
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
