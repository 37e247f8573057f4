import { z } from "zod";
import type { Db } from "@/lib/db";

export const ZExceptionView = z.object({
  status: z.enum(["open", "resolved"]).catch("open"),
  mine: z.enum(["1"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type ExceptionView = z.infer<typeof ZExceptionView>;

/**
 * One page of the exceptions queue, oldest open first (resolved: newest first): dead sync
 * tasks, ledger events that failed for good, identity conflicts (with the other record)
 * and policy exceptions.
 */
export async function listExceptions(db: Db, view: ExceptionView, actorId: string, pageSize = 25) {
  const where = {
    status: view.status,
    ...(view.mine && { assignedToId: actorId }),
  };
  const [rows, total] = await Promise.all([
    db.exceptionRecord.findMany({
      where,
      orderBy: [{ createdAt: view.status === "open" ? "asc" : "desc" }, { id: "asc" }],
      skip: (view.page - 1) * pageSize,
      take: pageSize,
      include: {
        customer: { select: { id: true, email: true, name: true } },
        syncTask: {
          select: {
            id: true,
            target: true,
            action: true,
            status: true,
            attempts: true,
            lastError: true,
          },
        },
      },
    }),
    db.exceptionRecord.count({ where }),
  ]);
  const userIds = [
    ...new Set(
      rows.flatMap((r) => [r.assignedToId, r.resolvedById]).filter((x): x is string => !!x),
    ),
  ];
  const pairIds = [...new Set(rows.map((r) => r.pairCustomerId).filter((x): x is string => !!x))];
  // No query for an empty list (this page re-renders on every live change of an open tab).
  const [users, pairs] = await Promise.all([
    userIds.length
      ? db.user.findMany({
          where: { id: { in: userIds } },
          select: { id: true, email: true, name: true },
        })
      : [],
    // An identity conflict's other record (a plain id: it may have been merged away since).
    pairIds.length
      ? db.customer.findMany({
          where: { id: { in: pairIds } },
          select: { id: true, email: true, name: true },
        })
      : [],
  ]);
  const byId = new Map(users.map((u) => [u.id, u]));
  const pairById = new Map(pairs.map((c) => [c.id, c]));
  return {
    rows: rows.map((r) => ({
      ...r,
      assignedTo: r.assignedToId ? (byId.get(r.assignedToId) ?? null) : null,
      resolvedBy: r.resolvedById ? (byId.get(r.resolvedById) ?? null) : null,
      pairCustomer: r.pairCustomerId ? (pairById.get(r.pairCustomerId) ?? null) : null,
    })),
    total,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
  };
}
export type ExceptionRow = Awaited<ReturnType<typeof listExceptions>>["rows"][number];

/** People an exception can be assigned to. */
export async function listAssignees(db: Db) {
  return db.user.findMany({
    select: { id: true, email: true, name: true, role: true },
    orderBy: { email: "asc" },
    take: 200,
  });
}

/** Open identity conflicts that name a customer (on either side), with the other record. */
export async function openIdentityConflicts(db: Db, customerId: string) {
  const rows = await db.exceptionRecord.findMany({
    where: {
      kind: "identity_conflict",
      status: "open",
      OR: [{ customerId }, { pairCustomerId: customerId }],
    },
    orderBy: { createdAt: "asc" },
    take: 20,
    select: { id: true, title: true, detail: true, customerId: true, pairCustomerId: true },
  });
  const otherIds = rows
    .map((r) => (r.customerId === customerId ? r.pairCustomerId : r.customerId))
    .filter((x): x is string => !!x);
  const others = await db.customer.findMany({
    where: { id: { in: otherIds } },
    select: { id: true, email: true, name: true, stripeCustomerId: true },
  });
  const byId = new Map(others.map((c) => [c.id, c]));
  return rows.map((r) => {
    const otherId = r.customerId === customerId ? r.pairCustomerId : r.customerId;
    return { ...r, other: otherId ? (byId.get(otherId) ?? null) : null };
  });
}
export type IdentityConflictRow = Awaited<ReturnType<typeof openIdentityConflicts>>[number];
