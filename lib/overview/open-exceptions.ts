import type { Db } from "@/lib/db";

/** Exceptions waiting for a person (status open). */
export function countOpenExceptions(db: Db): Promise<number> {
  return db.exceptionRecord.count({ where: { status: "open" } });
}
