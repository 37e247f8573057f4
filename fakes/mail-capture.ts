import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type CapturedMail = {
  id: number;
  from: string;
  to: string[];
  subject: string;
  /** The Message-ID header, angle brackets included (null when absent). */
  messageId: string | null;
  text: string;
  receivedAt: string;
};

function decodeQuotedPrintable(s: string): string {
  return s
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
}

function parse(raw: string, id: number, from: string, to: string[]): CapturedMail {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const subject = /^Subject: (.*)$/im.exec(head)?.[1]?.trim() ?? "";
  const messageId = /^Message-ID:\s*(<[^>]*>)/im.exec(head)?.[1] ?? null;
  const body = decodeQuotedPrintable(rest.join("\n\n"));
  return { id, from, to, subject, messageId, text: body, receivedAt: new Date().toISOString() };
}

/**
 * A real SMTP server that keeps every message in memory, plus a small HTTP API to read
 * them (GET /messages, DELETE /messages). Used by the demo (sign-in links) and by tests.
 */
export async function startMailCapture(opts: {
  smtpPort: number;
  httpPort?: number;
  onMail?: (m: CapturedMail) => void;
}) {
  const mails: CapturedMail[] = [];
  let nextId = 1;
  // A slow SMTP server: how long to wait after the message data before answering 250.
  let dataDelayMs = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        const to = session.envelope.rcptTo.map((r) => r.address);
        const mail = parse(Buffer.concat(chunks).toString("utf8"), nextId++, from, to);
        mails.push(mail);
        opts.onMail?.(mail);
        if (dataDelayMs) setTimeout(callback, dataDelayMs);
        else callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(opts.smtpPort, "127.0.0.1", () => {
      smtp.off("error", reject);
      // A client that dies mid-session (a killed server) resets its connection; that
      // must not take the catcher down with it.
      smtp.on("error", () => undefined);
      resolve();
    });
  });
  // smtpPort 0 picks a free port (tests); report the real one.
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  let http: Server | undefined;
  if (opts.httpPort) {
    http = createHttpServer((req, res) => {
      if (req.url?.startsWith("/messages") && req.method === "GET") {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify(mails));
      } else if (req.url?.startsWith("/messages") && req.method === "DELETE") {
        mails.length = 0;
        res.statusCode = 204;
        res.end();
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => http!.listen(opts.httpPort, "127.0.0.1", resolve));
  }

  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    mails,
    /** Fault injection: answer each message's data only after `ms` (0: at once). */
    setDataDelay(ms: number) {
      dataDelayMs = ms;
    },
    async stop() {
      await new Promise<void>((r) => smtp.close(() => r()));
      if (http) await new Promise<void>((r) => http!.close(() => r()));
    },
  };
}
