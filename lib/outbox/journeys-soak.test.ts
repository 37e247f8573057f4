import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import { db } from "@/lib/db";
import { seededRandom } from "@/fakes/faults";
import { resetDatabase } from "@/test/db";
import { invoicePaid, invoicePaymentFailed, type StripeEventPayload } from "@/fakes/stripe/events";
import { startSyncHarness, type SyncHarness } from "@/test/sync-harness";
import { stripeWebhookRequest } from "@/test/webhook-requests";

const JOURNEYS = Number(process.env.SOAK_JOURNEYS ?? 1000);

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness({ backoffBaseMs: 10, callTimeoutMs: 200 });
  await resetDatabase();
});
afterAll(() => h.stop());

type Journey = {
  email: string;
  events: StripeEventPayload[];
  failedInvoices: string[];
  everActive: boolean;
  accessChanges: number;
};

/** paid; paid → failed → recovered; failed only — each with Stripe's event times. */
function journey(i: number, rnd: () => number): Journey {
  const who = { customer: `cus_soak${i}`, email: `soak${i}@example.com`, name: `Soak ${i}` };
  const t = Math.floor(Date.now() / 1000) - 86_400 + i;
  const kind = rnd();
  if (kind < 0.5)
    return {
      email: who.email,
      events: [invoicePaid(who, { created: t })],
      failedInvoices: [],
      everActive: true,
      accessChanges: 1,
    };
  if (kind < 0.8) {
    const inv = `in_soak${i}`;
    return {
      email: who.email,
      events: [
        invoicePaid(who, { created: t }),
        invoicePaymentFailed(who, { created: t + 60, invoiceId: inv }),
        invoicePaid(who, { created: t + 120, invoiceId: inv }),
      ],
      failedInvoices: [inv],
      everActive: true,
      accessChanges: 3,
    };
  }
  // A first payment that fails: the person stays a lead (a CRM contact), no emails, no ticket.
  const inv = `in_soakf${i}`;
  return {
    email: who.email,
    events: [invoicePaymentFailed(who, { created: t, invoiceId: inv })],
    failedInvoices: [],
    everActive: false,
    accessChanges: 0,
  };
}

describe(`soak: ${JOURNEYS} customer journeys, 30 % faults in every external system`, () => {
  it("ends with no missing and no duplicated side effect", { timeout: 600_000 }, async () => {
    const rnd = seededRandom(42);
    for (const [i, fake] of [h.hubspot, h.zendesk, h.app].entries()) {
      fake.faults.random({
        rate: 0.3,
        seed: 100 + i,
        kinds: ["500", "429", "hang", "lost-response"],
      });
    }
    const journeys = Array.from({ length: JOURNEYS }, (_, i) => journey(i, rnd));
    // Deliver in event order per customer, customers interleaved, 10 % delivered twice.
    const maxSteps = Math.max(...journeys.map((j) => j.events.length));
    for (let step = 0; step < maxSteps; step++) {
      for (const j of journeys) {
        const e = j.events[step];
        if (!e) continue;
        expect((await POST(stripeWebhookRequest(e))).status).toBe(200);
        if (rnd() < 0.1) expect((await POST(stripeWebhookRequest(e))).status).toBe(200);
      }
      await h.settle();
    }
    await h.settle();

    const statuses = await db.syncTask.groupBy({ by: ["status"], _count: { _all: true } });
    const byStatus = Object.fromEntries(statuses.map((s) => [s.status, s._count._all]));
    expect(byStatus).not.toHaveProperty("dead");
    expect(byStatus).not.toHaveProperty("pending");
    expect(byStatus).not.toHaveProperty("failed");

    const contacts = new Map<string, number>();
    for (const c of h.hubspot.contacts())
      contacts.set(c.properties.email, (contacts.get(c.properties.email) ?? 0) + 1);
    const tickets = new Map<string, number>();
    for (const t of h.zendesk.tickets())
      tickets.set(String(t.external_id), (tickets.get(String(t.external_id)) ?? 0) + 1);
    const mails = new Map<string, number>();
    for (const m of h.mail.mails)
      for (const to of m.to)
        mails.set(
          `${to}|${m.subject.split(":")[0]}`,
          (mails.get(`${to}|${m.subject.split(":")[0]}`) ?? 0) + 1,
        );
    const appMessages = new Map<string, number>();
    for (const m of h.app.messages()) {
      const email = (m.payload as { data: { email: string } }).data.email;
      appMessages.set(email, (appMessages.get(email) ?? 0) + 1);
    }

    const problems: string[] = [];
    for (const j of journeys) {
      if (contacts.get(j.email) !== 1)
        problems.push(`${j.email}: ${contacts.get(j.email) ?? 0} contacts`);
      const welcome = [...mails.entries()]
        .filter(([k]) => k.startsWith(`${j.email}|Welcome`))
        .reduce((n, [, v]) => n + v, 0);
      if (welcome !== (j.everActive ? 1 : 0))
        problems.push(`${j.email}: ${welcome} welcome emails`);
      const dunning = mails.get(`${j.email}|Action needed`) ?? 0;
      if (dunning !== j.failedInvoices.length)
        problems.push(`${j.email}: ${dunning} dunning emails`);
      if ((appMessages.get(j.email) ?? 0) !== j.accessChanges)
        problems.push(`${j.email}: ${appMessages.get(j.email) ?? 0} app webhooks`);
    }
    const expectedTickets = journeys.reduce((n, j) => n + j.failedInvoices.length, 0);
    if (h.zendesk.tickets().length !== expectedTickets)
      problems.push(`${h.zendesk.tickets().length} tickets, expected ${expectedTickets}`);
    for (const [id, n] of tickets) if (n !== 1) problems.push(`ticket ${id} exists ${n} times`);
    expect(problems).toEqual([]);
    // The faults really happened: retries were needed, and no external call hung forever.
    const injected = [h.hubspot, h.zendesk, h.app].reduce(
      (n, f) => n + Object.values(f.faults.counts).reduce((a, b) => a + b, 0),
      0,
    );
    expect(injected).toBeGreaterThan(JOURNEYS * 0.3);
  });
});
