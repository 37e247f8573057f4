import type { Tx } from "@/lib/db";
import {
  Prisma,
  type AccessOverride,
  type Charge,
  type Customer,
  type Dispute,
  type Invoice,
  type Subscription,
} from "@/lib/generated/prisma/client";

// Reads of a customer row written in SQL where the ORM would take several statements (and
// compile each one again): these sit on the hot path of every ledger event.

/** Every scalar column of Customer, quoted, as the model has them (a column added to the schema comes along). */
const CUSTOMER_COLUMNS = Prisma.raw(
  Object.values(Prisma.CustomerScalarFieldEnum)
    .map((f) => `c."${f}"`)
    .join(", "),
);

/** The customers matching `where` (SQL over alias `c`), each as the ORM reads it. */
export async function selectCustomers(tx: Tx, where: Prisma.Sql): Promise<Customer[]> {
  return tx.$queryRaw<Customer[]>`SELECT ${CUSTOMER_COLUMNS} FROM "Customer" c WHERE ${where}`;
}

/**
 * Locks one customer row (FOR UPDATE, until the transaction ends) and returns it as it is
 * once the lock is held, in one statement. Null when there is no such row.
 */
export async function lockCustomer(tx: Tx, customerId: string): Promise<Customer | null> {
  const rows = await tx.$queryRaw<Customer[]>`
    SELECT ${CUSTOMER_COLUMNS} FROM "Customer" c WHERE c."id" = ${customerId} FOR UPDATE`;
  return rows[0] ?? null;
}

export type CustomerWithAccessFacts = Customer & {
  subscriptions: Subscription[];
  invoices: Invoice[];
  charges: Charge[];
  disputes: Dispute[];
  overrides: AccessOverride[];
};

/** The date and bigint columns of each relation (json_agg hands them over as strings and numbers). */
const RELATIONS = {
  subscriptions: {
    table: "Subscription",
    dates: [
      "currentPeriodEnd",
      "trialStart",
      "trialEnd",
      "canceledAt",
      "endedAt",
      "stripeEventAt",
      "createdAt",
      "updatedAt",
    ],
    bigints: ["readSeq"],
  },
  invoices: {
    table: "Invoice",
    dates: [
      "stripeCreatedAt",
      "firstFailedAt",
      "nextPaymentAttempt",
      "paidAt",
      "stripeEventAt",
      "updatedAt",
    ],
    bigints: ["readSeq"],
  },
  charges: {
    table: "Charge",
    dates: ["stripeCreatedAt", "stripeEventAt", "updatedAt"],
    bigints: ["readSeq"],
  },
  disputes: {
    table: "Dispute",
    dates: ["stripeCreatedAt", "stripeEventAt", "updatedAt"],
    bigints: ["readSeq"],
  },
  overrides: {
    table: "AccessOverride",
    dates: ["expiresAt", "revokedAt", "createdAt"],
    bigints: [],
  },
} as const;

const RELATION_SELECTS = Prisma.raw(
  Object.entries(RELATIONS)
    .map(
      ([name, { table }]) =>
        `(SELECT coalesce(json_agg(r), '[]'::json) FROM "${table}" r WHERE r."customerId" = c."id") AS "${name}"`,
    )
    .join(", "),
);

/** A `timestamp(3)` column as json_agg writes it (no zone: Prisma stores UTC). */
const toDate = (v: unknown) => (typeof v === "string" ? new Date(`${v}Z`) : (v as null));

/** A row of `relation` as row_to_json / json_agg wrote it, with its dates and bigints back. */
function revive(relation: keyof typeof RELATIONS, r: Record<string, unknown>) {
  const { dates, bigints } = RELATIONS[relation];
  for (const f of dates) r[f] = toDate(r[f]);
  for (const f of bigints) r[f] = r[f] == null ? null : BigInt(r[f] as number);
  return r;
}

export type StoredObjects = {
  invoice?: Invoice | null;
  subscription?: Subscription | null;
  charge?: Charge | null;
  dispute?: Dispute | null;
};

/**
 * The stored rows of up to one invoice, subscription, charge and dispute (by Stripe id), in
 * one statement: what converging the objects of one event compares against. A kind not
 * asked for is absent from the result; one asked for and not stored is null.
 */
export async function loadStoredObjects(
  tx: Tx,
  ids: { invoice?: string; subscription?: string; charge?: string; dispute?: string },
): Promise<StoredObjects> {
  const parts = (
    [
      ["invoice", "invoices", "stripeInvoiceId"],
      ["subscription", "subscriptions", "stripeSubscriptionId"],
      ["charge", "charges", "stripeChargeId"],
      ["dispute", "disputes", "stripeDisputeId"],
    ] as const
  ).filter(([kind]) => ids[kind] !== undefined);
  if (parts.length === 0) return {};
  const selects = parts.map(
    ([kind, relation, column]) =>
      Prisma.sql`(SELECT row_to_json(r) FROM ${Prisma.raw(`"${RELATIONS[relation].table}"`)} r WHERE r.${Prisma.raw(`"${column}"`)} = ${ids[kind]}) AS ${Prisma.raw(`"${kind}"`)}`,
  );
  const [row] = await tx.$queryRaw<Record<string, Record<string, unknown> | null>[]>`
    SELECT ${Prisma.join(selects, ", ")}`;
  const out: Record<string, unknown> = {};
  for (const [kind, relation] of parts) {
    out[kind] = row[kind] ? revive(relation, row[kind]) : null;
  }
  return out as StoredObjects;
}

/**
 * One customer with everything the access policy looks at (subscriptions, invoices,
 * charges, disputes, overrides), in one statement; the same shape as
 * `findUnique({ include: { subscriptions: true, … } })`. Null when there is no such row.
 */
export async function loadAccessFacts(
  tx: Tx,
  customerId: string,
): Promise<CustomerWithAccessFacts | null> {
  const rows = await tx.$queryRaw<Record<string, unknown>[]>`
    SELECT ${CUSTOMER_COLUMNS}, ${RELATION_SELECTS} FROM "Customer" c WHERE c."id" = ${customerId}`;
  const row = rows[0];
  if (!row) return null;
  for (const name of Object.keys(RELATIONS) as (keyof typeof RELATIONS)[]) {
    for (const r of row[name] as Record<string, unknown>[]) revive(name, r);
  }
  return row as CustomerWithAccessFacts;
}
