import type { Db } from "@/lib/db";
import type { ApprovalStatus } from "@/lib/generated/prisma/enums";
import { STALE_EXECUTION_MS } from "./types";

export const APPROVAL_PAGE_SIZE = 25;

/** Approval requests, newest first, optionally by status, with each customer's email and name. */
export async function listApprovals(
  db: Db,
  q: { status?: ApprovalStatus; page?: number } = {},
  now = new Date(),
) {
  const page = Math.max(1, q.page ?? 1);
  const where = q.status ? { status: q.status } : {};
  const [rows, total] = await Promise.all([
    db.approvalRequest.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * APPROVAL_PAGE_SIZE,
      take: APPROVAL_PAGE_SIZE,
    }),
    db.approvalRequest.count({ where }),
  ]);
  const customers = await db.customer.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.customerId))] } },
    select: { id: true, email: true, name: true },
  });
  const byId = new Map(customers.map((c) => [c.id, c]));
  return {
    rows: rows.map((r) => ({
      ...r,
      customer: byId.get(r.customerId) ?? null,
      /** Cut off mid-execution (see STALE_EXECUTION_MS): may be approved again. */
      executionStale:
        r.status === "executing" &&
        !!r.decidedAt &&
        r.decidedAt.getTime() < now.getTime() - STALE_EXECUTION_MS,
    })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / APPROVAL_PAGE_SIZE)),
  };
}

/** What a staff member can request against: the customer's charges, paid invoices, subscriptions. */
export async function approvalTargets(db: Db, customerId: string) {
  const [customer, charges, invoices, subscriptions] = await Promise.all([
    db.customer.findUnique({
      where: { id: customerId },
      select: { id: true, email: true, name: true },
    }),
    db.charge.findMany({ where: { customerId }, orderBy: { stripeCreatedAt: "desc" }, take: 20 }),
    db.invoice.findMany({
      where: { customerId, amountPaid: { gt: 0 } },
      orderBy: { stripeCreatedAt: "desc" },
      take: 20,
    }),
    db.subscription.findMany({ where: { customerId }, orderBy: { createdAt: "desc" }, take: 10 }),
  ]);
  return { customer, charges, invoices, subscriptions };
}

/** Customers matching an email or name fragment, for the request form's customer search. */
export async function searchCustomers(db: Db, q: string) {
  const term = q.trim();
  if (term.length < 2) return [];
  return db.customer.findMany({
    where: {
      OR: [
        { email: { contains: term, mode: "insensitive" } },
        { name: { contains: term, mode: "insensitive" } },
        { id: term },
      ],
    },
    select: { id: true, email: true, name: true, accessStatus: true },
    orderBy: { email: "asc" },
    take: 10,
  });
}
