import { disputeRank, invoiceRank, subscriptionRank } from "@/lib/billing/converge";
import type { StripeModel } from "./model";
import type { CustomerSlot, Emitted, Obj } from "./types";

/**
 * What one Stripe customer's billing looks like, as a set of Stripe objects plus the
 * provider time of the latest event about each. Two views exist:
 * - the model's truth: Stripe's objects as its API returns them now (what an engine that
 *   re-reads from Stripe must end with);
 * - the view the events alone decide: per object, the snapshot of its latest event by
 *   `created`; where several events of that same second disagree, the documented
 *   deterministic tie-break (README "Ordering": status rank, then fingerprint; ranks from
 *   lib/billing/converge.ts). Ties that even the rank cannot break are `ambiguous`.
 */
export type ObjectsView = {
  slot: CustomerSlot;
  subscriptions: Obj[];
  invoices: Obj[];
  charges: Obj[];
  disputes: Obj[];
  sessions: Obj[];
  /** Provider time (seconds) of the latest event about each object id. */
  eventAt: Map<string, number>;
};

export type Ambiguity = { id: string; candidates: Obj[] };

const KINDS = {
  subscription: "subscriptions",
  invoice: "invoices",
  charge: "charges",
  dispute: "disputes",
  "checkout.session": "sessions",
} as const;
type Kind = keyof typeof KINDS;

/** The fields that decide billing status and access; other differences do not matter. */
function projection(o: Obj): string {
  const item = (o.items as { data?: Obj[] } | undefined)?.data?.[0];
  const paidAt = (o.status_transitions as Obj | undefined)?.paid_at;
  return JSON.stringify([
    o.status,
    item?.current_period_end,
    o.cancel_at_period_end,
    paidAt,
    o.amount_refunded,
    o.payment_status,
  ]);
}

function rank(kind: Kind, o: Obj): number {
  const status = String(o.status);
  if (kind === "subscription") return subscriptionRank(status);
  if (kind === "invoice") return invoiceRank(status);
  if (kind === "dispute") return disputeRank(status);
  if (kind === "charge") return Number(o.amount_refunded);
  return o.payment_status === "paid" ? 1 : 0;
}

function lastEventTimes(emitted: Emitted[], customer: string): Map<string, number> {
  const at = new Map<string, number>();
  for (const { event, customer: owner } of emitted) {
    const id = event.data.object.id;
    if (owner === customer && typeof id === "string")
      at.set(id, Math.max(at.get(id) ?? 0, event.created));
  }
  return at;
}

function emptyView(slot: CustomerSlot, eventAt: Map<string, number>): ObjectsView {
  return {
    slot,
    subscriptions: [],
    invoices: [],
    charges: [],
    disputes: [],
    sessions: [],
    eventAt,
  };
}

/** The model's truth for one customer: Stripe's current objects. */
export function truthView(m: StripeModel, slot: CustomerSlot): ObjectsView {
  const truth = m.truthOf(slot);
  return {
    ...emptyView(slot, lastEventTimes(m.emitted, slot.id)),
    subscriptions: truth.subscriptions,
    invoices: truth.invoices,
    charges: truth.charges,
    disputes: truth.disputes,
    sessions: truth.checkoutSessions,
  };
}

/** The view the events' `created` times decide, with the ties the rank cannot break. */
export function eventsView(
  m: StripeModel,
  slot: CustomerSlot,
): { view: ObjectsView; ambiguous: Ambiguity[] } {
  const view = emptyView(slot, lastEventTimes(m.emitted, slot.id));
  const byObject = new Map<string, { kind: Kind; snapshots: Obj[]; created: number[] }>();
  for (const { event, customer } of m.emitted) {
    const o = event.data.object;
    const kind = o.object as Kind;
    if (customer !== slot.id || !Object.hasOwn(KINDS, kind) || typeof o.id !== "string") continue;
    const entry = byObject.get(o.id) ?? { kind, snapshots: [], created: [] };
    entry.snapshots.push(o);
    entry.created.push(event.created);
    byObject.set(o.id, entry);
  }
  const ambiguous: Ambiguity[] = [];
  for (const [id, { kind, snapshots, created }] of byObject) {
    const latest = Math.max(...created);
    const tied = snapshots.filter((_, i) => created[i] === latest);
    const best = Math.max(...tied.map((o) => rank(kind, o)));
    const winners = new Map<string, Obj>();
    for (const o of tied) if (rank(kind, o) === best) winners.set(projection(o), o);
    const chosen = [...winners.values()];
    if (chosen.length > 1) ambiguous.push({ id, candidates: chosen });
    view[KINDS[kind]].push(chosen[chosen.length - 1]);
  }
  return { view, ambiguous };
}

/** The views for every combination of ambiguous candidates (capped: ambiguity is rare). */
export function viewCombinations(
  view: ObjectsView,
  ambiguous: Ambiguity[],
  cap = 32,
): ObjectsView[] {
  let views = [view];
  for (const { id, candidates } of ambiguous) {
    views = views.flatMap((v) =>
      candidates.map((c) => {
        const swap = (list: Obj[]) => list.map((o) => (o.id === id ? c : o));
        return {
          ...v,
          subscriptions: swap(v.subscriptions),
          invoices: swap(v.invoices),
          charges: swap(v.charges),
          disputes: swap(v.disputes),
          sessions: swap(v.sessions),
        };
      }),
    );
    if (views.length > cap) return views.slice(0, cap);
  }
  return views;
}
