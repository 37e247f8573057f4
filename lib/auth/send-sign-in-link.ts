import nodemailer from "nodemailer";
import { log } from "@/lib/log";

/**
 * next-auth's `sendVerificationRequest`: mails the magic link without making the request wait
 * for SMTP. An address with an account must not answer slower than one without (the delay
 * would tell them apart), so the mail goes out after the answer; a failure is logged (with
 * the address redacted by the logger), never shown. Not idempotent by design: one mail per
 * link requested (requests are rate limited before this runs).
 */
export async function sendSignInLink(params: {
  identifier: string;
  url: string;
  provider: { server: unknown; from?: string };
}): Promise<void> {
  const { identifier, url, provider } = params;
  const host = new URL(url).host;
  const transport = nodemailer.createTransport(provider.server as string);
  void transport
    .sendMail({
      to: identifier,
      from: provider.from,
      subject: `Sign in to ${host}`,
      text: `Sign in to ${host}:\n\n${url}\n\nThe link works once, for 15 minutes. If you did not ask for it, ignore this email.\n`,
    })
    .then((info) => {
      if (info.rejected.length) log.error({ to: identifier }, "sign-in email rejected");
    })
    .catch((e: unknown) => log.error({ to: identifier, err: String(e) }, "sign-in email failed"));
}
