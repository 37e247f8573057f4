/** SPF results for the sending domain: one valid record, ≤ 10 lookups, the final all, covers the SMTP host. */
import { isIP } from "node:net";
import type { CheckResult } from "../types";
import { countSpfLookups, evaluateSpf, parseSpf, spfRecordsAt } from "./email-auth-spf";
import { result, type NetContext } from "./network-context";

export const SPF_MAX_LOOKUPS = 10;

/** The four SPF results (only the first when there is not exactly one valid record). */
export async function checkSpf(
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
