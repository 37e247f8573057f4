import { isDeepStrictEqual } from "node:util";
import type { FakeStripeApi } from "@/fakes/stripe/api";
import { seededRandom } from "@/fakes/faults";
import type {
  AccountSettings,
  CustomerSlot,
  Emitted,
  ModelCollection,
  ModelEvent,
  Obj,
} from "./types";

const COLLECTIONS: ModelCollection[] = [
  "customers",
  "subscriptions",
  "invoices",
  "charges",
  "payment_intents",
  "setup_intents",
  "checkout_sessions",
  "disputes",
  "refunds",
];

/**
 * The core of the Stripe model: Stripe's objects for a few customers, Stripe's clock, and
 * the events Stripe emits. Every change is written to the fake Stripe API at once (when one
 * is attached), so an engine that re-reads an object while processing an event sees what
 * Stripe's API would return at that moment, however old the event. Events carry a snapshot
 * of the object at emission time, `previous_attributes` for updates, and `created` in whole
 * seconds of the model's clock (which may run ahead of or behind the host's).
 * Deterministic: the same seed and operations give the same objects, ids and events.
 */
export class StripeModel {
  now: number;
  readonly objects = Object.fromEntries(COLLECTIONS.map((c) => [c, new Map()])) as Record<
    ModelCollection,
    Map<string, Obj>
  >;
  readonly emitted: Emitted[] = [];
  readonly slots: CustomerSlot[] = [];
  /** Random choices Stripe makes (Smart Retries timing), seeded like everything else. */
  readonly random: () => number;
  /** Index of the operation being applied (recorded on each event). */
  opIndex = -1;
  /** Model-only bookkeeping for scheduled work: ids of things already done, e.g. reminders. */
  readonly done = new Set<string>();
  /** Async Checkout payments still processing: session id → whether the payment will succeed. */
  readonly asyncCheckouts = new Map<string, boolean>();
  private counter = 0;

  constructor(
    readonly tag: string,
    start: number,
    readonly settings: AccountSettings,
    seed: number,
    private readonly api: FakeStripeApi | null = null,
  ) {
    this.now = start;
    this.random = seededRandom(seed ^ 0x5eed);
  }

  /** A new Stripe id, unique per run (`tag` is derived from the seed). */
  id(prefix: string): string {
    return `${prefix}_${this.tag}_${(++this.counter).toString(36)}`;
  }

  get<T extends Obj = Obj>(collection: ModelCollection, id: string): T {
    const found = this.objects[collection].get(id);
    if (!found) throw new Error(`model has no ${collection} ${id}`);
    return found as T;
  }

  list(collection: ModelCollection, customer?: string): Obj[] {
    const all = [...this.objects[collection].values()];
    return customer ? all.filter((o) => this.ownerOf(collection, o) === customer) : all;
  }

  /** Stores an object and writes it through to the fake Stripe API. */
  put(collection: ModelCollection, object: Obj): void {
    this.objects[collection].set(String(object.id), object);
    this.api?.put(collection, structuredClone(object));
  }

  /**
   * Changes fields of an object and returns what Stripe puts in `previous_attributes`: the
   * old value of every top-level field that changed (nested objects are given whole).
   */
  update(collection: ModelCollection, id: string, patch: Obj): Obj {
    const current = this.get(collection, id);
    const previous: Obj = {};
    for (const [k, v] of Object.entries(patch)) {
      if (!isDeepStrictEqual(current[k], v)) previous[k] = structuredClone(current[k]);
    }
    this.put(collection, { ...current, ...structuredClone(patch) });
    return previous;
  }

  /** Emits `type` about an object as it is now; `previous` becomes `previous_attributes`. */
  emit(type: string, collection: ModelCollection, id: string, previous?: Obj): ModelEvent {
    const object = structuredClone(this.get(collection, id));
    // Includable fields are never part of a webhook payload (an invoice's payments).
    if (collection === "invoices") delete object.payments;
    return this.emitObject(type, object, this.ownerOf(collection, object), previous);
  }

  /** Emits an event about an object the model does not store (e.g. an upcoming invoice). */
  emitObject(type: string, object: Obj, customer: string, previous?: Obj): ModelEvent {
    const event: ModelEvent = {
      id: this.id("evt"),
      object: "event",
      api_version: "2025-10-29.clover",
      created: this.now,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object, ...(previous && { previous_attributes: previous }) },
    };
    this.emitted.push({ event, customer, op: this.opIndex });
    return event;
  }

  /** The Stripe customer an object belongs to. */
  ownerOf(collection: ModelCollection, o: Obj): string {
    if (collection === "customers") return String(o.id);
    // Disputes and refunds name only their charge.
    if (collection === "disputes" || collection === "refunds")
      return String(this.get("charges", String(o.charge)).customer);
    return String(o.customer);
  }

  /**
   * The truth about one Stripe customer: Stripe's objects as its API returns them now, and
   * what only the history knows (ever paid, first failures, refunds), for the checker.
   */
  truthOf(slot: CustomerSlot) {
    return {
      stripeCustomerId: slot.id,
      email: slot.email,
      customer: this.objects.customers.get(slot.id) ?? null,
      subscriptions: this.list("subscriptions", slot.id),
      invoices: this.list("invoices", slot.id),
      charges: this.list("charges", slot.id),
      disputes: this.list("disputes", slot.id),
      checkoutSessions: this.list("checkout_sessions", slot.id),
      paidNonZero: slot.paidNonZero,
      firstFailedAt: { ...slot.firstFailedAt },
      refundedAt: { ...slot.refundedAt },
    };
  }

  slotOf(customer: string): CustomerSlot {
    const slot = this.slots.find((s) => s.id === customer);
    if (!slot) throw new Error(`model has no customer ${customer}`);
    return slot;
  }

  /** Moves Stripe's clock forward (never back: Stripe's `created` times only grow). */
  setTime(t: number): void {
    if (t < this.now) throw new Error(`model clock cannot go back from ${this.now} to ${t}`);
    this.now = t;
  }
}
