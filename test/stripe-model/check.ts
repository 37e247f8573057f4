import { db } from "@/lib/db";
import { expectedFor, type Expected } from "./facts";
import type { StripeModel } from "./model";
import type { SideEffects } from "./side-effects";
import type { CustomerSlot } from "./types";
import { eventsView, truthView, viewCombinations } from "./views";

/**
 * The checker: after a run has settled, compares the engine's state and side effects with
 * the model. Every invariant is a named category so failures group into a report.
 */
export type Failure = { customer: string | null; category: string; detail: string };
export type Mode = "key" | "no-key";

const codes = (reasons: unknown) =>
  ((reasons as { code: string }[] | null) ?? []).map((r) => r.code);
const show = (e: Expected) =>
  `billing=${e.billingStatus} access=${e.access} [${e.reasons.join(",")}]`;

/** Global invariants: every event processed, every side effect done, none done twice. */
async function checkPlumbing(
  se: SideEffects,
  fail: (c: string | null, cat: string, d: string) => void,
) {
  const stuck = await db.ledgerEvent.findMany({
    where: { status: { notIn: ["processed", "ignored"] } },
  });
  for (const r of stuck)
    fail(null, "ledger-unprocessed", `${r.type} ${r.externalId} is ${r.status}: ${r.error ?? ""}`);
  const tasks = await db.syncTask.findMany({
    where: { status: { notIn: ["succeeded", "skipped"] } },
  });
  for (const t of tasks)
    fail(null, `outbox-${t.status}`, `${t.idempotencyKey}: ${t.lastError ?? ""}`);
  // "No side effect ran twice", counted where side effects land.
  const twice = (what: string, keys: (string | null | undefined)[]) => {
    const seen = new Map<string, number>();
    for (const k of keys) if (k) seen.set(k, (seen.get(k) ?? 0) + 1);
    for (const [k, n] of seen) if (n > 1) fail(null, "side-effect-twice", `${what} ${k} ×${n}`);
  };
  twice(
    "mail",
    se.mail.mails.map((m) => m.messageId && `${m.messageId} (${m.subject} to ${m.to.join(",")})`),
  );
  twice(
    "app webhook",
    se.fakes.app.received().map((r) => r.id),
  );
  twice(
    "ticket",
    se.fakes.zendesk.tickets().map((t) => (t.external_id ? String(t.external_id) : null)),
  );
  twice(
    "crm contact",
    se.fakes.hubspot.contacts().map((c) => c.properties.email),
  );
}

/** Whether the model's truth is a payment-failure state: an unpaid failed invoice on a subscription in arrears. */
function inArrears(m: StripeModel, slot: CustomerSlot): boolean {
  const view = truthView(m, slot);
  const failed = view.invoices.some(
    (i) =>
      ["open", "uncollectible"].includes(String(i.status)) &&
      slot.firstFailedAt[String(i.id)] !== undefined,
  );
  return (
    failed &&
    view.subscriptions.some((s) => ["past_due", "unpaid", "incomplete"].includes(String(s.status)))
  );
}

export async function checkRun(
  m: StripeModel,
  mode: Mode,
  now: Date,
  se: SideEffects,
): Promise<{ failures: Failure[]; diff: string[] }> {
  const failures: Failure[] = [];
  const diff: string[] = [];
  const fail = (customer: string | null, category: string, detail: string) =>
    failures.push({ customer, category, detail });
  await checkPlumbing(se, fail);

  for (const slot of m.slots.filter((s) => s.created !== null)) {
    const c = `c${slot.index}`;
    const record = await db.customer.findUnique({
      where: { stripeCustomerId: slot.id },
      include: { subscriptions: true, invoices: true },
    });
    // Identity: each Stripe customer is its own record, and only its own events touch it.
    const ids = m.emitted.filter((e) => e.customer === slot.id).map((e) => e.event.id);
    const rows = await db.ledgerEvent.findMany({
      where: { externalId: { in: ids } },
      select: { customerId: true },
    });
    const elsewhere = rows.filter((r) => r.customerId && r.customerId !== record?.id).length;
    if (elsewhere)
      fail(
        c,
        "identity-hijack",
        `${elsewhere} events of ${slot.id} were applied to another customer's record`,
      );
    if (!record) {
      fail(c, "identity-missing-record", `no customer record holds ${slot.id}`);
      continue;
    }

    // Billing status, access and reasons: the policy applied to what Stripe says. With a key,
    // Stripe's current objects; without, what the events' created times (and, on ties, the
    // documented rank) decide — any of the candidates when even the rank cannot decide.
    const engine = {
      billingStatus: record.billingStatus,
      access: record.accessStatus,
      reasons: codes(record.accessReasons),
    };
    const { view, ambiguous } =
      mode === "key" ? { view: truthView(m, slot), ambiguous: [] } : eventsView(m, slot);
    const allowed = viewCombinations(view, ambiguous).map((v) => expectedFor(v, now));
    const same = (a: Expected, b: Expected) =>
      a.billingStatus === b.billingStatus &&
      a.access === b.access &&
      a.reasons.join() === b.reasons.join();
    if (!allowed.some((e) => same(e, engine))) {
      const want = allowed.map(show).join(" or ");
      if (!allowed.some((e) => e.billingStatus === engine.billingStatus))
        fail(c, "billing-status", `engine ${engine.billingStatus}, model ${want}`);
      const access = allowed.filter((e) => e.access === engine.access);
      if (!access.length) fail(c, "access", `engine ${engine.access}, model ${want}`);
      else if (!access.some((e) => e.reasons.join() === engine.reasons.join()))
        fail(c, "reasons", `engine [${engine.reasons.join(",")}], model ${want}`);
    }
    // Never a payment-failure state granting access, whatever the order or ties.
    if (engine.access === "active" && inArrears(m, slot))
      fail(
        c,
        "payment-failure-grants-access",
        "access is active while Stripe has an unpaid failed invoice on a subscription in arrears",
      );

    // Welcome email: at most once; never to someone who never paid; and once to every payer
    // whose access ended active (the transition to active is what sends it).
    const welcome = se.welcomeMails(record.id).length;
    if (welcome > 1) fail(c, "welcome-twice", `${welcome} welcome emails`);
    if (welcome > 0 && !slot.paidNonZero)
      fail(c, "welcome-to-non-payer", "welcome email to a customer who never paid");
    if (welcome === 0 && slot.paidNonZero && engine.access === "active")
      fail(c, "welcome-missing", "paid and active, but no welcome email");
    const toActive = se
      .appWebhooks(record.id)
      .filter((r) => (r.payload as { data: { to: string } }).data.to === "active");
    if (toActive.length && !slot.paidNonZero)
      fail(
        c,
        "active-webhook-to-non-payer",
        `${toActive.length} app webhooks granting access to a customer who never paid`,
      );

    const mine = failures.some((f) => f.customer === c);
    diff.push(
      `${mine ? "✗" : "✓"} ${c} ${slot.id}: engine ${show(engine)} | model ${allowed.map(show).join(" or ")}${ambiguous.length ? ` (ties: ${ambiguous.map((a) => a.id).join(",")})` : ""}`,
      `    engine objects: ${[...record.subscriptions.map((s) => `${s.stripeSubscriptionId}=${s.status}`), ...record.invoices.map((i) => `${i.stripeInvoiceId}=${i.status}${i.firstFailedAt ? "(failed)" : ""}`)].join(" ")}`,
      `    ${mode === "key" ? "Stripe now" : "events decide"}: ${[...view.subscriptions.map((s) => `${s.id}=${s.status}`), ...view.invoices.map((i) => `${i.id}=${i.status}${slot.firstFailedAt[String(i.id)] ? "(failed)" : ""}`)].join(" ")}; paid=${slot.paidNonZero} welcome=${welcome}`,
    );
  }
  return { failures, diff };
}
