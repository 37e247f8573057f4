import type { Db } from "@/lib/db";

/** Exceptions waiting for a person (status open). */
export function countOpenExceptions(db: Db): Promise<number> {
  return db.exceptionRecord.count({ where: { status: "open" } });
}

/** Requests waiting for an admin's decision (refunds, plan changes, access overrides). */
export function countPendingApprovals(db: Db): Promise<number> {
  return db.approvalRequest.count({ where: { status: "pending" } });
}
