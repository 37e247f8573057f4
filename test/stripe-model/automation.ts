import {
  createInvoice,
  finalizeInvoice,
  itemsWithPeriod,
  periodEnd,
  updateSubscription,
} from "./billing";
import { attemptInvoice } from "./payments";
import type { StripeModel } from "./model";
import { DAY, PERIOD, PRICE } from "./objects";
import { settleAsyncCheckout } from "./ops-signup";
import { endSubscription, subscriptionOf } from "./ops-subscription";
import type { Obj } from "./types";

/**
 * What Stripe does on its own when its clock reaches a time: reminders, trial ends,
 * renewals, Smart Retries and what follows their last attempt, expiry of incomplete
 * subscriptions, period-end cancellations and delayed payments settling. `advanceTo` runs
 * everything due, in time order, for every customer (they share Stripe's clock).
 */
type Due = { at: number; key: string; customer: string; run: () => void };

const HOUR = 3600;
const INCOMPLETE_EXPIRY = 23 * HOUR;
const REMINDER = 3 * DAY;

/** Smart Retries picks each retry time; the model draws 1–4 days (seeded). */
function retryAt(m: StripeModel): number {
  return m.now + DAY * (1 + Math.floor(m.random() * 4)) + Math.floor(m.random() * HOUR);
}

/**
 * The subscription's next period begins: an invoice is drafted (invoice.created) and, for
 * automatic collection, finalized and attempted about an hour later ("Stripe waits an hour
 * after invoice.created before attempting payment", docs.stripe.com/billing/subscriptions/
 * webhooks). A trial ending with a card becomes active here. An unpaid subscription keeps
 * drafting invoices that are not attempted (docs: subscription statuses, `unpaid`).
 */
function renew(m: StripeModel, sub: Obj) {
  const id = String(sub.id);
  const slot = m.slotOf(String(sub.customer));
  const start = periodEnd(sub);
  const inv = createInvoice(m, slot, {
    subscription: id,
    amount: PRICE.amount,
    reason: "subscription_cycle",
    start,
    end: start + PERIOD,
  });
  const collect = sub.status !== "unpaid";
  m.update(
    "invoices",
    inv,
    collect ? { next_payment_attempt: m.now + HOUR } : { auto_advance: false },
  );
  updateSubscription(m, id, {
    status: sub.status === "trialing" ? "active" : sub.status,
    items: itemsWithPeriod(sub, start, start + PERIOD),
  });
}

/** The first attempt on a drafted renewal invoice, or a Smart Retry of a failed one. */
function collect(m: StripeModel, inv: Obj) {
  const id = String(inv.id);
  const slot = m.slotOf(String(inv.customer));
  if (inv.status === "draft") finalizeInvoice(m, id);
  const ok = slot.cardOk && slot.paymentMethod !== null;
  const attempts = Number(inv.attempt_count) + 1;
  const exhausted = !ok && attempts >= m.settings.maxAttempts;
  attemptInvoice(m, slot, id, ok, exhausted ? null : retryAt(m));
  const subId = subscriptionOf(inv);
  if (!subId) return;
  const sub = m.get("subscriptions", subId);
  const latest = sub.latest_invoice === id;
  if (ok) {
    if (latest && ["past_due", "unpaid"].includes(String(sub.status)))
      updateSubscription(m, subId, { status: "active" });
    return;
  }
  if (latest && sub.status === "active") updateSubscription(m, subId, { status: "past_due" });
  if (!exhausted) return;
  // The retries are exhausted: the account's settings decide what happens next
  // (docs.stripe.com/billing/revenue-recovery/smart-retries, "Manage failed payments").
  if (m.settings.markUncollectibleOnExhausted) {
    const invoice = m.get("invoices", id);
    const previous = m.update("invoices", id, {
      status: "uncollectible",
      status_transitions: {
        ...(invoice.status_transitions as Obj),
        marked_uncollectible_at: m.now,
      },
    });
    m.emit("invoice.marked_uncollectible", "invoices", id);
    m.emit("invoice.updated", "invoices", id, previous);
  }
  if (m.settings.onExhausted === "cancel") endSubscription(m, subId, "payment_failed");
  else if (m.settings.onExhausted === "unpaid") updateSubscription(m, subId, { status: "unpaid" });
}

function subscriptionWork(m: StripeModel, sub: Obj): Due[] {
  const id = String(sub.id);
  const customer = String(sub.customer);
  const end = periodEnd(sub);
  const status = String(sub.status);
  const work: Due[] = [];
  const add = (at: number, key: string, run: () => void) =>
    work.push({ at, key: `${key}:${id}`, customer, run });
  if (status === "incomplete") {
    // Expires 23 h after creation; its open invoice is voided (subscription status docs;
    // the status change arrives as customer.subscription.updated, e.g. pay-rails/pay#91).
    add(Number(sub.created) + INCOMPLETE_EXPIRY, "expire", () => {
      updateSubscription(m, id, {
        status: "incomplete_expired",
        ended_at: m.now,
        canceled_at: m.now,
      });
      const inv = String(sub.latest_invoice);
      m.update("invoices", inv, {
        status: "void",
        next_payment_attempt: null,
        amount_remaining: 0,
      });
      m.emit("invoice.voided", "invoices", inv);
    });
  }
  if (!["trialing", "active", "past_due", "unpaid"].includes(status)) return work;
  const reminder = status === "trialing" ? "trial_will_end" : "upcoming";
  // A reminder whose time passed unsent (the subscription was set to cancel then) is skipped.
  const remindAt = end - REMINDER;
  const remind = !sub.cancel_at_period_end && status !== "unpaid" && remindAt >= m.now;
  if (remind && !m.done.has(`${reminder}:${id}:${end}`)) {
    add(remindAt, reminder, () => {
      m.done.add(`${reminder}:${id}:${end}`);
      if (reminder === "trial_will_end")
        m.emit("customer.subscription.trial_will_end", "subscriptions", id);
      // An upcoming invoice has no id: it does not exist yet (API reference, invoice.upcoming).
      else
        m.emitObject(
          "invoice.upcoming",
          {
            object: "invoice",
            customer,
            amount_due: PRICE.amount,
            subscription: id,
            next_payment_attempt: end + HOUR,
          },
          customer,
        );
    });
  }
  add(end, "period-end", () => {
    const slot = m.slotOf(customer);
    if (sub.cancel_at_period_end) endSubscription(m, id, "cancellation_requested", end);
    else if (status === "trialing" && !slot.paymentMethod) {
      // A trial that ends without a card pauses (trial_settings.end_behavior.missing_payment_method=pause).
      updateSubscription(m, id, { status: "paused" });
      m.emit("customer.subscription.paused", "subscriptions", id);
    } else renew(m, sub);
  });
  return work;
}

/** Everything Stripe will do on its own, with when, for every customer. */
export function scheduledWork(m: StripeModel): Due[] {
  const work = m.list("subscriptions").flatMap((s) => subscriptionWork(m, s));
  for (const inv of m.list("invoices")) {
    const at = inv.next_payment_attempt;
    const due =
      typeof at === "number" &&
      ((inv.status === "draft" && inv.auto_advance) || inv.status === "open");
    if (due)
      work.push({
        at,
        key: `collect:${inv.id}`,
        customer: String(inv.customer),
        run: () => collect(m, inv),
      });
  }
  for (const [cs, ok] of m.asyncCheckouts) {
    const s = m.get("checkout_sessions", cs);
    work.push({
      at: Number(s.created) + 3 * DAY,
      key: `settle:${cs}`,
      customer: String(s.customer),
      run: () => {
        m.asyncCheckouts.delete(cs);
        settleAsyncCheckout(m, cs, ok);
      },
    });
  }
  return work.sort((a, b) => a.at - b.at || a.key.localeCompare(b.key));
}

/** Runs Stripe's scheduled work due up to `t` in time order, then sets the clock to `t`. */
export function advanceTo(m: StripeModel, t: number): void {
  for (let guard = 0; guard < 500; guard++) {
    const next = scheduledWork(m)[0];
    if (!next || next.at > t) break;
    m.setTime(Math.max(m.now, next.at));
    next.run();
  }
  m.setTime(Math.max(m.now, t));
}

/** When Stripe will next change something for this customer on its own (reminders aside). */
export function nextWorkFor(m: StripeModel, customer: string): number | null {
  const reminder = /^(upcoming|trial_will_end):/;
  return scheduledWork(m).find((w) => w.customer === customer && !reminder.test(w.key))?.at ?? null;
}
