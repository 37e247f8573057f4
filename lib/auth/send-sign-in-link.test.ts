import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMailCapture, type CapturedMail } from "@/fakes/mail-capture";
import { sendSignInLink } from "./send-sign-in-link";

const mails: CapturedMail[] = [];
let capture: Awaited<ReturnType<typeof startMailCapture>>;
beforeAll(async () => {
  capture = await startMailCapture({ smtpPort: 0, onMail: (m) => mails.push(m) });
});
afterAll(() => capture.stop());

const link = "http://localhost:3999/api/auth/callback/email?token=t1&email=a%40example.com";

describe("sendSignInLink", () => {
  it("mails the link over real SMTP, after answering (the answer never waits for SMTP)", async () => {
    let answered = false;
    const pending = sendSignInLink({
      identifier: "a@example.com",
      url: link,
      provider: { server: capture.smtpUrl, from: "Launch Ready <no-reply@example.com>" },
    }).then(() => (answered = true));
    await pending;
    expect(answered).toBe(true);
    expect(mails).toHaveLength(0); // the answer came before the SMTP conversation ended
    await expect.poll(() => mails.length).toBe(1);
    expect(mails[0].to).toEqual(["a@example.com"]);
    expect(mails[0].text).toContain(link);
  });

  it("an SMTP failure is logged, never thrown into the request", async () => {
    await expect(
      sendSignInLink({
        identifier: "a@example.com",
        url: link,
        provider: { server: "smtp://127.0.0.1:9", from: "x@example.com" },
      }),
    ).resolves.toBeUndefined();
  });
});
