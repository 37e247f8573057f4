import type { Db } from "@/lib/db";
import type { AccessReason } from "@/lib/access/facts";
import { aliasKey } from "@/lib/customers/find-by-identity";
import { IDENTITY_KEYS } from "@/lib/customers/identity";
import { normalizeEmail } from "@/lib/customers/normalize-email";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AccessStatus } from "@/lib/generated/prisma/enums";
import { syncStateOf, type CustomerSync } from "@/lib/outbox/queries";

import {
  CUSTOMER_SORTS,
  customerWhere,
  type CustomerFilters,
  type CustomerSort,
} from "@/lib/customers/list-filters";

export { CUSTOMER_SORTS, type CustomerSort };
const NULLABLE_SORTS: ReadonlySet<CustomerSort> = new Set(["email", "name", "lastSyncedAt"]);

export type SubscriptionRow = {
  id: string;
  status: string;
  priceId: string | null;
  planName: string | null;
  currentPeriodEnd: string | null;
  trialEnd: string | null;
  cancelAtPeriodEnd: boolean;
};

export type CustomerRow = {
  id: string;
  email: string | null;
  name: string | null;
  stripeCustomerId: string | null;
  billingStatus: string;
  accessStatus: AccessStatus;
  /** [{ code, message, since, nextAction }]; kept under its original name for API clients. */
  blockedReasons: AccessReason[];
  lastSyncedAt: string | null;
  /** "pending" while a side effect (CRM, ticket, email, app) is queued or retrying. */
  sync: CustomerSync;
  crmContactId: string | null;
  supportUserId: string | null;
  appUserId: string | null;
  /** The same reasons as blockedReasons (every non-active status has at least one). */
  reasons: AccessReason[];
  accessComputedAt: string;
  identityStatus: string;
  lastInvoice: { status: string; amountDue: number | null } | null;
  subscriptions: SubscriptionRow[];
  /**
   * An email this record uses while another record holds it (a second Stripe customer or
   * HubSpot contact kept apart; see the identity_conflict exception), else null.
   */
  claimedEmail: string | null;
};

const rowSelect = {
  id: true,
  email: true,
  name: true,
  stripeCustomerId: true,
  billingStatus: true,
  accessStatus: true,
  accessReasons: true,
  lastSyncedAt: true,
  crmContactId: true,
  supportUserId: true,
  appUserId: true,
  accessComputedAt: true,
  identityStatus: true,
  lastInvoiceStatus: true,
  lastInvoiceAmountDue: true,
  claimedEmail: true,
  subscriptions: { orderBy: { stripeSubscriptionId: "asc" } },
} as const satisfies Prisma.CustomerSelect;

type Selected = Prisma.CustomerGetPayload<{ select: typeof rowSelect }>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The customer as the read API and the dashboard show it (a public contract: only add fields). */
export function toCustomerRow(
  c: Selected,
  sync: CustomerSync = { state: "ok", lastError: null },
): CustomerRow {
  const reasons = (c.accessReasons as AccessReason[]) ?? [];
  return {
    id: c.id,
    email: c.email,
    name: c.name,
    stripeCustomerId: c.stripeCustomerId,
    billingStatus: c.billingStatus,
    accessStatus: c.accessStatus,
    blockedReasons: reasons,
    lastSyncedAt: iso(c.lastSyncedAt),
    crmContactId: c.crmContactId,
    supportUserId: c.supportUserId,
    appUserId: c.appUserId,
    reasons,
    accessComputedAt: c.accessComputedAt.toISOString(),
    identityStatus: c.identityStatus,
    lastInvoice: c.lastInvoiceStatus
      ? { status: c.lastInvoiceStatus, amountDue: c.lastInvoiceAmountDue }
      : null,
    subscriptions: c.subscriptions.map((s) => ({
      id: s.stripeSubscriptionId,
      status: s.status,
      priceId: s.priceId,
      planName: s.planName,
      currentPeriodEnd: iso(s.currentPeriodEnd),
      trialEnd: iso(s.trialEnd),
      cancelAtPeriodEnd: s.cancelAtPeriodEnd,
    })),
    sync,
    claimedEmail: c.claimedEmail,
  };
}

async function withSync(db: Db, rows: Selected[]): Promise<CustomerRow[]> {
  const sync = await syncStateOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toCustomerRow(r, sync.get(r.id)));
}

export type CustomerListQuery = {
  page: number;
  pageSize: number;
  sort: CustomerSort;
  dir: "asc" | "desc";
  filters?: CustomerFilters;
};

function orderOf(
  sort: CustomerSort,
  dir: "asc" | "desc",
): Prisma.CustomerOrderByWithRelationInput[] {
  return [{ [sort]: NULLABLE_SORTS.has(sort) ? { sort: dir, nulls: "last" } : dir }, { id: "asc" }];
}

/**
 * Customers a merge left holding the search text as an alias (an old Stripe customer id,
 * HubSpot, Zendesk or app id, or email of a merged-away record): exact match on the alias key.
 */
async function searchAliasIds(db: Db, q: string | undefined): Promise<string[]> {
  const text = q?.trim();
  if (!text) return [];
  const keys = IDENTITY_KEYS.map((k) =>
    aliasKey(k, k === "email" ? (normalizeEmail(text) ?? text) : text),
  );
  const rows = await db.customerAlias.findMany({
    where: { key: { in: keys } },
    select: { customerId: true },
  });
  return [...new Set(rows.map((r) => r.customerId))];
}

async function viewWhere(db: Db, filters: CustomerFilters) {
  return customerWhere(filters, await searchAliasIds(db, filters.q));
}

/** One page of the customers list with server-side filters, search and sorting. */
export async function listCustomers(db: Db, q: CustomerListQuery) {
  const where = await viewWhere(db, q.filters ?? {});
  const [rows, total] = await Promise.all([
    db.customer.findMany({
      where,
      select: rowSelect,
      orderBy: orderOf(q.sort, q.dir),
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    }),
    db.customer.count({ where }),
  ]);
  return {
    rows: await withSync(db, rows),
    total,
    pageCount: Math.max(1, Math.ceil(total / q.pageSize)),
  };
}

export async function getCustomerRow(db: Db, id: string): Promise<CustomerRow | null> {
  const c = await db.customer.findUnique({ where: { id }, select: rowSelect });
  return c && (await withSync(db, [c]))[0];
}

/**
 * Every record that answers for an email (the read API's list form): the one holding it,
 * any record kept apart that claims it (a second Stripe customer using a known address, see
 * raiseIdentityConflict) and the survivor of a merge whose merged-away record held it.
 * Oldest first, so the record that held the email first comes first.
 */
export async function findCustomerRowsByEmail(db: Db, email: string): Promise<CustomerRow[]> {
  const normalized = normalizeEmail(email);
  if (!normalized) return [];
  // The alias first, by its key: an EXISTS inside the OR would defeat the indexes.
  const alias = await db.customerAlias.findUnique({
    where: { key: aliasKey("email", normalized) },
    select: { customerId: true },
  });
  const rows = await db.customer.findMany({
    where: {
      OR: [
        { email: normalized },
        { claimedEmail: normalized },
        ...(alias ? [{ id: alias.customerId }] : []),
      ],
    },
    select: rowSelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return withSync(db, rows);
}

export async function countByAccessStatus(db: Db): Promise<Record<AccessStatus, number>> {
  const groups = await db.customer.groupBy({ by: ["accessStatus"], _count: { _all: true } });
  const counts: Record<AccessStatus, number> = {
    lead: 0,
    trial: 0,
    active: 0,
    past_due: 0,
    canceled: 0,
    blocked: 0,
  };
  for (const g of groups) counts[g.accessStatus] = g._count._all;
  return counts;
}

/**
 * Every customer of a view, in the view's order, `batchSize` at a time (keyset on id via
 * Prisma's cursor), so an export of 100,000 rows never holds them all in memory.
 */
export async function* iterateCustomers(
  db: Db,
  q: { sort: CustomerSort; dir: "asc" | "desc"; filters: CustomerFilters },
  batchSize = 1000,
): AsyncGenerator<CustomerRow[]> {
  const where = await viewWhere(db, q.filters);
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.customer.findMany({
      where,
      select: rowSelect,
      orderBy: orderOf(q.sort, q.dir),
      take: batchSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (rows.length === 0) return;
    yield await withSync(db, rows);
    if (rows.length < batchSize) return;
    cursor = rows[rows.length - 1].id;
  }
}

/**
 * Plan names in use (first 100 in order), for the plan filter. A loose index scan on the
 * planName index: Prisma's `distinct` reads every subscription into the client first.
 */
export async function listPlanNames(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ name: string }[]>`
    WITH RECURSIVE p AS (
      SELECT min("planName") AS name FROM "Subscription"
      UNION ALL
      SELECT (SELECT min("planName") FROM "Subscription" WHERE "planName" > p.name) FROM p WHERE p.name IS NOT NULL
    )
    SELECT name FROM p WHERE name IS NOT NULL LIMIT 100`;
  return rows.map((r) => r.name).filter(Boolean);
}
