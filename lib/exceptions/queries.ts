import { z } from "zod";
import type { Db } from "@/lib/db";

export const ZExceptionView = z.object({
  status: z.enum(["open", "resolved"]).catch("open"),
  mine: z.enum(["1"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type ExceptionView = z.infer<typeof ZExceptionView>;

/** One page of the exceptions queue, oldest open first (resolved: newest first). */
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
  const users = await db.user.findMany({
    where: { id: { in: userIds } },
    select: { id: true, email: true, name: true },
  });
  const byId = new Map(users.map((u) => [u.id, u]));
  return {
    rows: rows.map((r) => ({
      ...r,
      assignedTo: r.assignedToId ? (byId.get(r.assignedToId) ?? null) : null,
      resolvedBy: r.resolvedById ? (byId.get(r.resolvedById) ?? null) : null,
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
