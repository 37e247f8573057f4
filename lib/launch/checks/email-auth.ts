/** Email authentication for the sending domain: MX, SPF, DKIM, DMARC. */
import type { CheckResult } from "../types";
import { checkDkim } from "./email-auth-dkim";
import { checkDmarc } from "./email-auth-dmarc";
import { checkSpf } from "./email-auth-spf-results";
import { result, type NetContext } from "./network-context";
import type { NetworkCheckInput } from "./network";

export { DKIM_MIN_RSA_BITS, dkimKey } from "./email-auth-dkim";
export { SPF_MAX_LOOKUPS } from "./email-auth-spf-results";

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
