import { connect } from "node:net";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMailCapture } from "./mail-capture";

let mail: Awaited<ReturnType<typeof startMailCapture>>;
beforeAll(async () => {
  mail = await startMailCapture({ smtpPort: 0 });
});
afterAll(() => mail.stop());

describe("mail capture", () => {
  it("keeps running when a client resets its connection mid-session", async () => {
    const port = Number(new URL(mail.smtpUrl).port);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("error", reject);
      // Start a transaction, then vanish like a SIGKILLed sender (TCP RST, no QUIT).
      const script = ["EHLO killed.example\r\n", "MAIL FROM:<a@example.com>\r\n"];
      socket.on("data", (chunk: Buffer) => {
        if (!/^(220|250) /m.test(chunk.toString())) return;
        const next = script.shift();
        if (next) socket.write(next);
        else {
          socket.resetAndDestroy();
          resolve();
        }
      });
    });
    await new Promise((r) => setTimeout(r, 100));

    await nodemailer
      .createTransport(mail.smtpUrl)
      .sendMail({ from: "a@example.com", to: "b@example.com", subject: "Still here", text: "hi" });
    expect(mail.mails.map((m) => m.subject)).toContain("Still here");
  });
});
