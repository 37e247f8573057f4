import type { Tx } from "@/lib/db";
import { findCustomerByIdentity } from "@/lib/customers/find-by-identity";
import { raiseIdentityConflict } from "@/lib/customers/identity-conflict";
import { normalizeEmail } from "@/lib/customers/normalize-email";
import { recomputeAccess } from "@/lib/customers/recompute-access";
import type { Customer } from "@/lib/generated/prisma/client";

export type LeadInput = {
  email?: string | null;
  name?: string | null;
  crmContactId?: string | null;
  supportUserId?: string | null;
  appUserId?: string | null;
};

export type UpsertLeadResult = {
  customer: Customer;
  created: boolean;
  /** The fields this call wrote on an existing customer (all given ones when created). */
  changed: string[];
  /** Identity facts we could not apply (an id or email already held by someone else). */
  conflicts: string[];
};

const EXTERNAL_IDS = ["crmContactId", "supportUserId", "appUserId"] as const;
type ExternalId = (typeof EXTERNAL_IDS)[number];

/**
 * Finds the customer by the given external id (CRM contact, support user, app user), then by
 * normalized email (each by the record holding it, or by the survivor of a merge through
 * CustomerAlias), and creates a lead (access `lead`, reason no_paid_subscription since
 * `since`) when none matches. On an existing customer it fills missing ids; email and name
 * are replaced only on leads (no billing yet): Stripe owns a paying customer's identity.
 * Never changes billing or access. A record found by email but bound to another id of the
 * same system (another HubSpot contact, another app user) is never changed: this id gets a
 * lead of its own and an identity_conflict exception names both. Other values held by
 * another customer are reported as conflicts (an email, also as an identity_conflict).
 * Idempotent: safe to run any number of times with the same input.
 */
export async function upsertLead(tx: Tx, input: LeadInput, since: Date): Promise<UpsertLeadResult> {
  const email = normalizeEmail(input.email);
  const name = input.name?.trim() || null;
  const ids: Partial<Record<ExternalId, string>> = {};
  for (const key of EXTERNAL_IDS) if (input[key]) ids[key] = input[key];

  let found: Customer | null = null;
  for (const key of EXTERNAL_IDS) {
    const value = ids[key];
    if (!found && value) found = (await findCustomerByIdentity(tx, key, value))?.customer ?? null;
  }
  const byEmail =
    !found && email ? ((await findCustomerByIdentity(tx, "email", email))?.customer ?? null) : null;
  // Another contact or app user with this email: two records, never one changed by the other.
  const boundTo = byEmail
    ? EXTERNAL_IDS.find((k) => ids[k] && byEmail[k] && byEmail[k] !== ids[k])
    : undefined;
  const holder = boundTo ? byEmail : null;
  if (!holder) found ??= byEmail;

  if (!found || holder) {
    if (!email && Object.keys(ids).length === 0) throw new Error("upsertLead needs an id or email");
    const created = await tx.customer.create({
      data: { ...ids, email: holder ? null : email, name, firstSeenAt: since },
    });
    // The policy decides the lead's status and reasons, and plans its CRM contact.
    await recomputeAccess(tx, created.id, { actor: "system:lead" });
    const conflicts: string[] = [];
    if (holder && email && boundTo) {
      await raiseIdentityConflict(tx, {
        customerId: created.id,
        otherCustomerId: holder.id,
        key: "email",
        value: email,
        actor: "system:lead",
      });
      conflicts.push(`email belongs to ${holder.id} (${boundTo} ${holder[boundTo]}); kept apart`);
    }
    const customer = await tx.customer.findUniqueOrThrow({ where: { id: created.id } });
    const changed = Object.keys({
      ...ids,
      ...(email && !holder && { email }),
      ...(name && { name }),
    });
    return { customer, created: true, changed, conflicts };
  }

  // Lock the row so concurrent events for one customer apply one after another.
  await tx.$queryRaw`SELECT 1 FROM "Customer" WHERE "id" = ${found.id} FOR UPDATE`;
  const current = await tx.customer.findUniqueOrThrow({ where: { id: found.id } });
  const isLead = current.billingStatus === "none";
  const conflicts: string[] = [];
  const data: Partial<Record<ExternalId | "email" | "name", string>> = {};

  const heldByOther = async (key: ExternalId | "email", value: string) => {
    const other = (await findCustomerByIdentity(tx, key, value))?.customer;
    if (!other || other.id === current.id) return false;
    conflicts.push(`${key} ${key === "email" ? "" : `${value} `}belongs to ${other.id}`);
    if (key === "email") {
      await raiseIdentityConflict(tx, {
        customerId: current.id,
        otherCustomerId: other.id,
        key,
        value,
        actor: "system:lead",
      });
    }
    return true;
  };

  for (const key of EXTERNAL_IDS) {
    const value = ids[key];
    if (!value || current[key] === value) continue;
    if (current[key]) conflicts.push(`${key} is already ${current[key]}, not ${value}`);
    else if (!(await heldByOther(key, value))) data[key] = value;
  }
  if (email && email !== current.email && (!current.email || isLead)) {
    if (!(await heldByOther("email", email))) data.email = email;
  }
  if (name && name !== current.name && (!current.name || isLead)) data.name = name;

  const customer = Object.keys(data).length
    ? await tx.customer.update({ where: { id: current.id }, data })
    : current;
  return { customer, created: false, changed: Object.keys(data), conflicts };
}
