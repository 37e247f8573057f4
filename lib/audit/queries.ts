import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilter = {
  actor?: string;
  action?: string;
  target?: string;
  from?: Date;
  to?: Date;
  page?: number;
};

/** Audit entries, newest first, filtered by actor, action (prefix), target and time; paginated. */
export async function listAuditEntries(db: Db, f: AuditFilter) {
  const where: Prisma.AuditLogWhereInput = {
    ...(f.actor && { actor: { contains: f.actor, mode: "insensitive" } }),
    ...(f.action && { action: { startsWith: f.action } }),
    ...(f.target && { target: { contains: f.target } }),
    ...((f.from || f.to) && { at: { ...(f.from && { gte: f.from }), ...(f.to && { lt: f.to }) } }),
  };
  const page = Math.max(1, f.page ?? 1);
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
    db.auditLog.count({ where }),
  ]);
  // Most targets are customer ids: name them by email so people can read the log.
  const customers = await db.customer.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.target))] } },
    select: { id: true, email: true },
  });
  const emails = new Map(customers.map((c) => [c.id, c.email]));
  return {
    rows: rows.map((r) => ({ ...r, targetEmail: emails.get(r.target) ?? null })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
  };
}

/**
 * The distinct actions recorded so far, for the filter's choices. DISTINCT runs in Postgres:
 * Prisma's `distinct` would read every audit row into the client first.
 */
export async function auditActions(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ action: string }[]>`SELECT DISTINCT "action" FROM "AuditLog"`;
  return rows.map((r) => r.action).sort();
}
