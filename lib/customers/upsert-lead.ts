import { normalizeEmail } from "@/lib/customers/normalize-email";
import { recomputeAccess } from "@/lib/customers/recompute-access";
import type { Tx } from "@/lib/customers/tx";
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
 * normalized email, and creates a lead (access `lead`, reason no_paid_subscription since
 * `since`) when none matches. On an existing customer it fills missing ids; email and name
 * are replaced only on leads (no billing yet): Stripe owns a paying customer's identity.
 * Never changes billing or access. Values held by another customer are left for the merge
 * (resolveCustomer) and reported as conflicts.
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
    if (!found && value) found = await tx.customer.findFirst({ where: { [key]: value } });
  }
  if (!found && email) found = await tx.customer.findUnique({ where: { email } });

  if (!found) {
    if (!email && Object.keys(ids).length === 0) throw new Error("upsertLead needs an id or email");
    const created = await tx.customer.create({ data: { ...ids, email, name, firstSeenAt: since } });
    // The policy decides the lead's status and reasons, and plans its CRM contact.
    await recomputeAccess(tx, created.id, { actor: "system:lead" });
    const customer = await tx.customer.findUniqueOrThrow({ where: { id: created.id } });
    const changed = Object.keys({ ...ids, ...(email && { email }), ...(name && { name }) });
    return { customer, created: true, changed, conflicts: [] };
  }

  // Lock the row so concurrent events for one customer apply one after another.
  await tx.$queryRaw`SELECT 1 FROM "Customer" WHERE "id" = ${found.id} FOR UPDATE`;
  const current = await tx.customer.findUniqueOrThrow({ where: { id: found.id } });
  const isLead = current.billingStatus === "none";
  const conflicts: string[] = [];
  const data: Partial<Record<ExternalId | "email" | "name", string>> = {};

  const heldByOther = async (key: ExternalId | "email", value: string) => {
    const other = await tx.customer.findFirst({
      where: { [key]: value, NOT: { id: current.id } },
      select: { id: true },
    });
    if (other) conflicts.push(`${key} ${key === "email" ? "" : `${value} `}belongs to ${other.id}`);
    return Boolean(other);
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
