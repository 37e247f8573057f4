import { createServer, type AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMailCapture } from "@/fakes/mail-capture";
import { customerSnapshot, pastDueCustomer, syncTask, timeout } from "@/test/sync-fixtures";
import { createEmailConnector, messageIdFor } from "./connector";
import { ConnectorRefusal } from "@/lib/integrations/connector/refusal";
import { ConnectorError } from "@/lib/integrations/connector/types";

let mail: Awaited<ReturnType<typeof startMailCapture>>;
const FROM = "Acme <hello@acme.example>";

beforeAll(async () => {
  mail = await startMailCapture({ smtpPort: 0 });
});
afterAll(async () => {
  await mail.stop();
});
beforeEach(() => {
  mail.mails.length = 0;
});

const connector = (over: Parameters<typeof createEmailConnector>[0] = {}) =>
  createEmailConnector({
    smtpUrl: mail.smtpUrl,
    from: FROM,
    productName: "Acme",
    productUrl: "https://app.acme.example",
    billingPortalUrl: "https://billing.stripe.com/p/login/test_123",
    ...over,
  });

const welcome = (customerId: string) =>
  syncTask("email.welcome", {}, { idempotencyKey: `welcome-email:${customerId}` });
const dunning = (invoiceId = "in_42", nextAttemptAt: string | null = "2026-11-23T10:00:00Z") =>
  syncTask(
    "email.dunning",
    { invoiceId, amountDue: 4900, currency: "eur", nextAttemptAt },
    { idempotencyKey: `dunning:${invoiceId}` },
  );

async function failure(p: Promise<unknown>): Promise<ConnectorError> {
  const err = await p.then(
    () => expect.unreachable("expected a ConnectorError"),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConnectorError);
  return err as ConnectorError;
}

describe("email connector", () => {
  it("sends the welcome email over SMTP to an active customer", async () => {
    const customer = customerSnapshot({ name: "Ada Lovelace" });
    const result = await connector().perform(welcome(customer.id), customer, timeout());

    expect(mail.mails).toHaveLength(1);
    const [m] = mail.mails;
    expect(m.to).toEqual([customer.email]);
    expect(m.from).toBe("hello@acme.example");
    expect(m.subject).toBe("Welcome to Acme");
    expect(m.text).toContain("Hi Ada Lovelace,");
    expect(m.text).toContain("https://app.acme.example");
    expect(m.messageId).toBe(result.externalRef);
  });

  it("a resend of the same task carries the same Message-ID", async () => {
    const customer = customerSnapshot();
    const task = welcome(customer.id);
    await connector().perform(task, customer, timeout());
    await connector().perform({ ...task, attempt: 2 }, customer, timeout());
    expect(mail.mails.map((m) => m.messageId)).toEqual([
      messageIdFor(task.idempotencyKey, FROM),
      messageIdFor(task.idempotencyKey, FROM),
    ]);
    expect(messageIdFor("welcome-email:other", FROM)).not.toBe(mail.mails[0].messageId);
    expect(messageIdFor("k", undefined)).toMatch(/@launchready\.local>$/);
  });

  it.each(["lead", "trial", "past_due", "canceled", "blocked"])(
    "refuses the welcome email when access is %s, sending nothing",
    async (accessStatus) => {
      const customer = customerSnapshot({ accessStatus });
      const err = await failure(connector().perform(welcome(customer.id), customer, timeout()));
      expect(err).toBeInstanceOf(ConnectorRefusal);
      expect(err.kind).toBe("permanent");
      expect(err.message).toContain(accessStatus);
      expect(mail.mails).toHaveLength(0);
    },
  );

  it("sends a dunning email with the invoice, the amount, the retry day and the portal link", async () => {
    const customer = pastDueCustomer("in_42", { name: "Ada" });
    await connector().perform(dunning(), customer, timeout());
    const [m] = mail.mails;
    expect(m.subject).toContain("payment for your Acme subscription failed");
    for (const text of [
      "in_42",
      "49.00 EUR",
      "23 November 2026",
      "https://billing.stripe.com/p/login/test_123",
    ]) {
      expect(m.text).toContain(text);
    }
  });

  it("sends a payment link a person asked for, with the invoice, the amount and the link", async () => {
    const customer = customerSnapshot({ name: "Ada Lovelace" });
    const task = syncTask(
      "email.payment_link",
      {
        invoiceId: "in_7",
        amountDue: 4900,
        currency: "eur",
        url: "https://invoice.stripe.com/i/x",
      },
      { idempotencyKey: "payment-link:in_7" },
    );
    const result = await connector().perform(task, customer, timeout());
    const [m] = mail.mails;
    expect(m.subject).toBe("Your Acme invoice: a link to pay");
    expect(m.text).toContain("in_7 for 49.00 EUR");
    expect(m.text).toContain("https://invoice.stripe.com/i/x");
    expect(m.messageId).toBe(result.externalRef);
  });

  it("a dunning email without a scheduled retry or portal asks the customer to reply", async () => {
    const customer = pastDueCustomer("in_43", { accessStatus: "blocked" });
    await connector({ billingPortalUrl: undefined }).perform(
      dunning("in_43", null),
      customer,
      timeout(),
    );
    expect(mail.mails[0].text).toContain("No further automatic attempt");
    expect(mail.mails[0].text).toContain("Reply to this email");
  });

  it.each(["active", "trial", "lead", "canceled"])(
    "refuses the dunning email when access is %s",
    async (accessStatus) => {
      const err = await failure(
        connector().perform(dunning(), customerSnapshot({ accessStatus }), timeout()),
      );
      expect(err).toBeInstanceOf(ConnectorRefusal);
      expect(mail.mails).toHaveLength(0);
    },
  );

  it("an unreachable SMTP server is retryable and the error hides the password", async () => {
    const c = connector({ smtpUrl: "smtp://mailer:hunter2-secret@127.0.0.1:1" });
    const err = await failure(c.perform(welcome("c1"), customerSnapshot(), timeout(5000)));
    expect(err.kind).toBe("retryable");
    expect(err.message).not.toContain("hunter2-secret");
  });

  it("an SMTP 5xx rejection is permanent, a 4xx is retryable", async () => {
    let code = 550;
    const strict = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onRcptTo(_addr, _session, cb) {
        const err = Object.assign(new Error(code === 550 ? "Mailbox unavailable" : "Try later"), {
          responseCode: code,
        });
        cb(err);
      },
    });
    await new Promise<void>((r) => strict.listen(0, "127.0.0.1", r));
    const port = (strict.server.address() as { port: number }).port;
    try {
      const c = connector({ smtpUrl: `smtp://127.0.0.1:${port}` });
      const permanent = await failure(c.perform(welcome("c2"), customerSnapshot(), timeout(5000)));
      expect(permanent.kind).toBe("permanent");
      code = 451;
      const retryable = await failure(c.perform(welcome("c3"), customerSnapshot(), timeout(5000)));
      expect(retryable.kind).toBe("retryable");
    } finally {
      await new Promise<void>((r) => strict.close(() => r()));
    }
  });

  it("stops waiting when the task's signal aborts", async () => {
    // A server that accepts the connection but never greets.
    const hang = createServer(() => {});
    await new Promise<void>((r) => hang.listen(0, "127.0.0.1", r));
    try {
      const c = connector({ smtpUrl: `smtp://127.0.0.1:${(hang.address() as AddressInfo).port}` });
      const started = Date.now();
      const err = await failure(
        c.perform(welcome("c4"), customerSnapshot(), AbortSignal.timeout(200)),
      );
      expect(err.kind).toBe("retryable");
      expect(err.message).toMatch(/timed out/);
      expect(Date.now() - started).toBeLessThan(3000);

      const early = await failure(
        c.perform(welcome("c5"), customerSnapshot(), AbortSignal.abort()),
      );
      expect(early.kind).toBe("retryable");
    } finally {
      hang.close();
    }
  });

  it("is not configured without SMTP_URL or EMAIL_FROM, and refuses customers without email", async () => {
    expect(createEmailConnector({ from: FROM }).notConfiguredReason()).toBe("SMTP_URL is not set");
    expect(createEmailConnector({ smtpUrl: mail.smtpUrl }).notConfiguredReason()).toBe(
      "EMAIL_FROM is not set",
    );
    const unconfigured = await failure(
      createEmailConnector({}).perform(welcome("x"), customerSnapshot(), timeout()),
    );
    expect(unconfigured.kind).toBe("permanent");
    const noEmail = await failure(
      connector().perform(welcome("x"), customerSnapshot({ email: null }), timeout()),
    );
    expect(noEmail.kind).toBe("permanent");
    const other = await failure(
      connector().perform(syncTask("crm.upsert_contact", {}), customerSnapshot(), timeout()),
    );
    expect(other.kind).toBe("permanent");
  });
});
