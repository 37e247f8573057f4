import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AccessStatus } from "@/lib/generated/prisma/enums";

export const CUSTOMER_SORTS = [
  "createdAt",
  "email",
  "name",
  "billingStatus",
  "accessStatus",
  "lastSyncedAt",
] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export const SYNC_STATES = ["ok", "pending", "failed"] as const;
export const BILLING_STATUSES = [
  "none",
  "trialing",
  "active",
  "past_due",
  "canceled",
  "unpaid",
  "incomplete",
  "incomplete_expired",
  "paused",
] as const;

const optional = <T extends z.ZodType>(schema: T) =>
  z
    .preprocess((v) => (v === "" || Array.isArray(v) ? undefined : v), schema.optional())
    .catch(undefined);

/**
 * The customers list's view as URL parameters (shared by the page and the CSV export, so the
 * export is exactly the current view). Unknown or malformed values fall back to "no filter".
 */
export const ZCustomerView = z.object({
  q: optional(z.string().trim().max(200)),
  access: optional(z.enum(Object.values(AccessStatus) as [AccessStatus, ...AccessStatus[]])),
  billing: optional(z.string().regex(/^[a-z_]{1,40}$/)),
  sync: optional(z.enum(SYNC_STATES)),
  reason: optional(z.string().regex(/^[a-z0-9_]{1,60}$/)),
  plan: optional(z.string().trim().min(1).max(120)),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  sort: z.enum(CUSTOMER_SORTS).catch("createdAt"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
});
export type CustomerView = z.infer<typeof ZCustomerView>;
export type CustomerFilters = Omit<CustomerView, "page" | "sort" | "dir">;

/** Parses Next's `searchParams` (or URLSearchParams) into a view. */
export function parseCustomerView(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): CustomerView {
  const obj = params instanceof URLSearchParams ? Object.fromEntries(params) : params;
  return ZCustomerView.parse(obj);
}

/** A person's text as a LIKE pattern that matches it anywhere, wildcards taken literally. */
function containsPattern(q: string): string {
  return q.toLowerCase().replace(/[\\%_]/g, "\\$&");
}

/**
 * Search finds people the way a person types them, and stays an index lookup at 100,000
 * customers: any part of the email, claimed email or name (lower-cased copy kept by a
 * trigger), case-insensitive, through pg_trgm GIN indexes, and any id (ours, Stripe,
 * HubSpot, Zendesk, app) by equality through unique indexes. `aliasCustomerIds` are the
 * customers a merge left holding that exact id or email as an alias (looked up by key first,
 * see searchAliasIds: an EXISTS inside the OR would defeat the indexes).
 */
function searchWhere(q: string, aliasCustomerIds: string[]): Prisma.CustomerWhereInput {
  const part = containsPattern(q);
  return {
    OR: [
      { id: q },
      { email: { contains: part } },
      // A record kept apart that claims an email another record holds (same kind of index).
      { claimedEmail: { contains: part } },
      { nameSearch: { contains: part } },
      { stripeCustomerId: q },
      { crmContactId: q },
      { supportUserId: q },
      { appUserId: q },
      ...(aliasCustomerIds.length ? [{ id: { in: aliasCustomerIds } }] : []),
    ],
  };
}

const OPEN_SYNC = ["pending", "running", "failed"] as const;

function syncWhere(state: (typeof SYNC_STATES)[number]): Prisma.CustomerWhereInput {
  // Same rules as syncStateOf: a dead task wins, then any queued or retrying task.
  switch (state) {
    case "failed":
      return { syncTasks: { some: { status: "dead" } } };
    case "pending":
      return {
        syncTasks: { some: { status: { in: [...OPEN_SYNC] } }, none: { status: "dead" } },
      };
    case "ok":
      return { syncTasks: { none: { status: { in: [...OPEN_SYNC, "dead"] } } } };
  }
}

/**
 * The Prisma filter for a view (AND of every filter set). `aliasCustomerIds`: customers whose
 * merge alias equals the search text exactly (lib/customers/queries.ts looks them up).
 */
export function customerWhere(
  f: CustomerFilters,
  aliasCustomerIds: string[] = [],
): Prisma.CustomerWhereInput {
  const and: Prisma.CustomerWhereInput[] = [];
  if (f.q) and.push(searchWhere(f.q, aliasCustomerIds));
  if (f.access) and.push({ accessStatus: f.access });
  if (f.billing) and.push({ billingStatus: f.billing });
  if (f.sync) and.push(syncWhere(f.sync));
  // jsonb containment (@>), served by the GIN index on accessReasons.
  if (f.reason) and.push({ accessReasons: { array_contains: [{ code: f.reason }] } });
  if (f.plan) and.push({ subscriptions: { some: { planName: f.plan } } });
  return and.length ? { AND: and } : {};
}

/** The view as query-string entries (empty values dropped), for links and the export URL. */
export function viewToParams(view: Partial<CustomerView>): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(view)) if (v !== undefined && v !== "") p.set(k, String(v));
  return p;
}
