import type { Provenance } from "@/lib/billing/converge";
import type { ObjectKind } from "@/lib/integrations/stripe/event-rules";
import { readStripeObject } from "@/lib/integrations/stripe/fetch-object";
import { stripeClient } from "@/lib/integrations/stripe/client";
import type { EventFacts, ObjectRef, ObjectState } from "@/lib/billing/types";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/** Where a synthetic (import, drift) event's payload says which read of Stripe's API it came from. */
export const SYNTHETIC_READ_SEQ = "launchready_read_seq";

/** Takes one value of the arrival sequence: number a read of Stripe's API with it BEFORE the read starts. */
export async function takeReadSeq(db: Db): Promise<bigint> {
  const [{ seq }] = await db.$queryRaw<{ seq: bigint }[]>`
    SELECT nextval(pg_get_serial_sequence('"LedgerEvent"', 'seq')) AS seq`;
  return seq;
}

export type TruthObject = ObjectState & { from: Provenance };

/** What processing one event did with each object it touched, kept on the ledger row. */
export type ReadNote = {
  object: string;
  kind: ObjectKind;
  /** read: fetched from Stripe now · covered: a read taken after this event arrived is stored · missing: Stripe has no such object · payload: taken from the event (no key). */
  how: "read" | "covered" | "missing" | "payload";
  /** The arrival sequence the read was numbered with, or the stored read that covered it. */
  seq?: string;
};

export type StripeTruth = {
  mode: "read" | "payload";
  objects: TruthObject[];
  notes: ReadNote[];
};

type StoredRead = { readSeq: bigint | null; subscriptionId?: string | null } | null;

/** Where the stored read number of each kind of object is kept (checkout sessions are not stored). */
const READ_COLUMNS: Record<Exclude<ObjectKind, "checkout_session">, [string, string, string]> = {
  customer: ["Customer", "stripeCustomerId", "stripeCustomerReadSeq"],
  subscription: ["Subscription", "stripeSubscriptionId", "readSeq"],
  invoice: ["Invoice", "stripeInvoiceId", "readSeq"],
  charge: ["Charge", "stripeChargeId", "readSeq"],
  dispute: ["Dispute", "stripeDisputeId", "readSeq"],
};

/**
 * The stored reads of `refs` (keyed `kind:id`; null where we hold no such object, and never
 * for checkout sessions, which are not stored: always read) and, with `takeSeq`, one value of
 * the arrival sequence, all in one statement: one round trip before the first read of
 * Stripe's API starts.
 */
async function readStored(
  db: Db,
  refs: ObjectRef[],
  takeSeq: boolean,
): Promise<{ seq: bigint | null; stored: Map<string, StoredRead> }> {
  const known = refs.filter((r) => r.kind !== "checkout_session");
  const selects = known.map((r, i) => {
    const [table, idColumn, seqColumn] = READ_COLUMNS[r.kind as keyof typeof READ_COLUMNS];
    const sub = r.kind === "invoice" ? `, 'subscriptionId', t."stripeSubscriptionId"` : "";
    return Prisma.sql`(SELECT json_build_object('readSeq', t.${Prisma.raw(`"${seqColumn}"`)}::text${Prisma.raw(sub)}) FROM ${Prisma.raw(`"${table}"`)} t WHERE t.${Prisma.raw(`"${idColumn}"`)} = ${r.id}) AS ${Prisma.raw(`"r${i}"`)}`;
  });
  const seq = takeSeq
    ? Prisma.sql`nextval(pg_get_serial_sequence('"LedgerEvent"', 'seq')) AS seq`
    : Prisma.sql`NULL::bigint AS seq`;
  const [row] = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT ${seq}${selects.length ? Prisma.sql`, ${Prisma.join(selects, ", ")}` : Prisma.empty}`;
  const stored = new Map<string, StoredRead>();
  for (const r of refs) stored.set(`${r.kind}:${r.id}`, null);
  known.forEach((r, i) => {
    const v = row[`r${i}`] as { readSeq: string | null; subscriptionId?: string | null } | null;
    stored.set(
      `${r.kind}:${r.id}`,
      v && {
        readSeq: v.readSeq === null ? null : BigInt(v.readSeq),
        ...(r.kind === "invoice" ? { subscriptionId: v.subscriptionId ?? null } : {}),
      },
    );
  });
  return { seq: row.seq as bigint | null, stored };
}

/** Objects whose state the engine needs along with `o` (Stripe changes them together). */
export function linkedRefs(o: ObjectState): ObjectRef[] {
  switch (o.kind) {
    case "invoice":
      return o.state.stripeSubscriptionId
        ? [{ kind: "subscription", id: o.state.stripeSubscriptionId }]
        : [];
    case "checkout_session": {
      const s = o.state;
      if (s.mode === "subscription" && s.subscriptionId)
        return [{ kind: "subscription", id: s.subscriptionId }];
      if (s.mode === "payment" && s.invoiceId) return [{ kind: "invoice", id: s.invoiceId }];
      return [];
    }
    case "dispute":
      return o.state.stripeChargeId ? [{ kind: "charge", id: o.state.stripeChargeId }] : [];
    default:
      return [];
  }
}

/**
 * The truth one event leads to, gathered BEFORE the processing transaction opens (no API
 * call ever runs inside it). With a Stripe key, the event is only a trigger: the object it
 * is about, and the objects Stripe changes with it (an invoice's subscription, a checkout's
 * subscription or invoice, a dispute's charge), are read from Stripe's API once each,
 * numbered with one value of our arrival sequence taken before the first read. An object
 * whose stored read is numbered above this event's own arrival number is not read again:
 * that read started after the event arrived, so it already reflects it (this is what keeps
 * a burst of events about one object to about one read). Without a key, the payload's
 * object is the truth and its `created` orders it.
 */
export async function readStripeTruth(
  db: Db,
  ledgerSeq: bigint,
  facts: EventFacts,
): Promise<StripeTruth> {
  if (!facts.ref) return { mode: stripeClient() ? "read" : "payload", objects: [], notes: [] };
  if (facts.readSeq !== null && facts.payload) {
    // Import and drift repair read the object themselves: it converges as that read.
    const from: Provenance = { kind: "read", seq: facts.readSeq, eventAt: facts.eventAt };
    return {
      mode: "read",
      objects: [{ ...facts.payload, from }],
      notes: [
        { object: facts.ref.id, kind: facts.ref.kind, how: "read", seq: String(facts.readSeq) },
      ],
    };
  }
  if (!stripeClient()) {
    const objects: TruthObject[] = facts.payload
      ? [{ ...facts.payload, from: { kind: "event", eventAt: facts.eventAt } }]
      : [];
    return {
      mode: "payload",
      objects,
      notes: objects.map((o) => ({ object: facts.ref!.id, kind: o.kind, how: "payload" })),
    };
  }

  // The object and what its payload links to are looked up with the sequence number;
  // anything a read from Stripe links to beyond those is looked up when it comes.
  const { seq, stored: prefetched } = await readStored(
    db,
    [facts.ref, ...(facts.payload ? linkedRefs(facts.payload) : [])],
    true,
  );
  const from: Provenance = { kind: "read", seq: seq!, eventAt: facts.eventAt };
  const objects: TruthObject[] = [];
  const notes: ReadNote[] = [];
  const seen = new Set<string>();
  const queue: ObjectRef[] = [facts.ref];
  while (queue.length) {
    const ref = queue.shift()!;
    const key = `${ref.kind}:${ref.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const stored = prefetched.has(key)
      ? prefetched.get(key)!
      : (await readStored(db, [ref], false)).stored.get(key)!;
    if (stored?.readSeq != null && stored.readSeq > ledgerSeq) {
      notes.push({ object: ref.id, kind: ref.kind, how: "covered", seq: String(stored.readSeq) });
      if (stored.subscriptionId) queue.push({ kind: "subscription", id: stored.subscriptionId });
      continue;
    }
    const read = await readStripeObject(ref.kind, ref.id);
    if (!read) {
      notes.push({ object: ref.id, kind: ref.kind, how: "missing" });
      // Stripe no longer has it (a deleted draft, say): the payload is all there is.
      if (ref === facts.ref && facts.payload) {
        objects.push({ ...facts.payload, from: { kind: "event", eventAt: facts.eventAt } });
        queue.push(...linkedRefs(facts.payload));
      }
      continue;
    }
    notes.push({ object: ref.id, kind: ref.kind, how: "read", seq: String(seq) });
    objects.push({ ...read, from });
    queue.push(...linkedRefs(read));
  }
  return { mode: "read", objects, notes };
}
