import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { IDENTITY_CONFLICT } from "@/lib/customers/identity-conflict";
import { resolveException } from "@/lib/exceptions/resolve-exception";

/**
 * Resolves every open exception of this customer with one note, each audited as
 * exception.resolve. Identity conflicts are left open: they are decided by merging or
 * keeping the records apart. Returns how many were resolved.
 * Idempotent: a second call finds nothing open and is refused with a plain message.
 */
export async function resolveCustomerExceptions(
  db: Db,
  customerId: string,
  note: string,
  actor: { id: string; email: string },
): Promise<number> {
  const open = await db.exceptionRecord.findMany({
    where: { customerId, status: "open", kind: { not: IDENTITY_CONFLICT } },
    select: { id: true },
  });
  let resolved = 0;
  for (const x of open) {
    if ((await resolveException(db, x.id, note, actor)).ok) resolved++;
  }
  if (resolved === 0) throw new DomainError("No open exception to resolve for this customer");
  return resolved;
}
