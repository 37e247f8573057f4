import { z } from "zod";
import type { Db } from "@/lib/db";
import { normalizeEmail } from "@/lib/customers/normalize-email";
import { UserChangeError, ZRole, changeUserRole, inviteUser } from "@/lib/users/manage-users";

/** The audit actor of changes made from the command line (`npm run user:add`). */
export const SYSTEM_ACTOR = "system:user-add";

export type AddUserOutcome = "created" | "role_changed" | "unchanged";

/**
 * Creates a dashboard user with a role, or sets the role of an existing one, as the system
 * (for the first founder, before anyone can sign in). Disabled users stay disabled.
 * Idempotent: running it again with the same input changes nothing and writes no audit entry.
 */
export async function addUser(
  db: Db,
  input: { email: string; role: string; name?: string | null },
): Promise<{ outcome: AddUserOutcome; user: { id: string; email: string; role: string } }> {
  const email = normalizeEmail(input.email);
  if (!email || !z.email().safeParse(email).success)
    throw new UserChangeError(`Enter a valid email (got "${input.email}")`);
  const role = ZRole.safeParse(input.role);
  if (!role.success) throw new UserChangeError("Role must be founder, admin or staff");
  const actor = { email: SYSTEM_ACTOR };
  for (let attempt = 0; ; attempt++) {
    const existing = await db.user.findUnique({ where: { email } });
    if (existing?.role === role.data) return { outcome: "unchanged", user: existing };
    if (existing) {
      const user = await changeUserRole(db, actor, existing.id, role.data);
      return { outcome: "role_changed", user };
    }
    try {
      const user = await inviteUser(db, actor, { email, role: role.data, name: input.name });
      return { outcome: "created", user };
    } catch (e) {
      // Another run created it meanwhile: read it again once.
      if (attempt > 0 || !(e instanceof UserChangeError)) throw e;
    }
  }
}
