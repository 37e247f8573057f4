import { expect } from "@playwright/test";
import type { CapturedMail } from "@/fakes/mail-capture";
import { E2E } from "./config";

const mailApi = `http://127.0.0.1:${E2E.mailHttpPort}/messages`;

/** Waits for the newest mail to `to` received after `since`, from the real SMTP capture server. */
export async function waitForMail(to: string, since: Date): Promise<CapturedMail> {
  let found: CapturedMail | undefined;
  await expect
    .poll(
      async () => {
        const mails = (await (await fetch(mailApi)).json()) as CapturedMail[];
        found = mails.filter((m) => m.to.includes(to) && new Date(m.receivedAt) >= since).at(-1);
        return !!found;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return found!;
}

export function signInLinkOf(mail: CapturedMail): string {
  const link = /(https?:\/\/[^\s"<>]+\/api\/auth\/callback\/email[^\s"<>]+)/.exec(mail.text)?.[1];
  if (!link) throw new Error(`no sign-in link in mail: ${mail.subject}`);
  return link.replace(/&amp;/g, "&");
}
