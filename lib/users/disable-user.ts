import { writeAudit } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db";
import { UserChangeError, lockActiveFounders } from "@/lib/users/manage-users";

type Actor = { id?: string; email: string };

/**
 * Offboards a user: they cannot sign in, every session they hold is refused from their next
 * request (the session version moves on), and their pending magic links are deleted. The last
 * active founder cannot be disabled, nor can you disable yourself.
 * Idempotent: disabling a disabled user changes nothing and writes no second audit entry.
 */
export async function disableUser(db: Db, actor: Actor, userId: string, now = new Date()) {
  if (actor.id === userId) throw new UserChangeError("You cannot disable yourself");
  return db.$transaction(async (tx) => {
    const founders = await lockActiveFounders(tx);
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new UserChangeError("User not found");
    if (user.disabledAt) return user;
    if (user.role === "founder" && founders.length <= 1) {
      throw new UserChangeError(
        "The last active founder cannot be disabled: make someone else founder first",
      );
    }
    const updated = await tx.user.update({
      where: { id: userId },
      data: { disabledAt: now, sessionVersion: { increment: 1 } },
    });
    // Database sessions (none while the JWT strategy is used) and unused magic links.
    await tx.session.deleteMany({ where: { userId } });
    await tx.verificationToken.deleteMany({ where: { identifier: user.email } });
    await writeAudit(tx, {
      actor: actor.email,
      action: "user.disable",
      target: `user:${userId}`,
      before: { email: user.email, role: user.role, disabled: false },
      after: { email: user.email, role: user.role, disabled: true, sessionsRevoked: true },
    });
    return updated;
  });
}

/**
 * Lets a disabled user sign in again. Sessions from before the disable stay revoked: they
 * sign in afresh. Idempotent: enabling an active user changes nothing and writes no entry.
 */
export async function enableUser(db: Db, actor: Actor, userId: string) {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new UserChangeError("User not found");
    if (!user.disabledAt) return user;
    const updated = await tx.user.update({ where: { id: userId }, data: { disabledAt: null } });
    await writeAudit(tx, {
      actor: actor.email,
      action: "user.enable",
      target: `user:${userId}`,
      before: { email: user.email, role: user.role, disabled: true },
      after: { email: user.email, role: user.role, disabled: false },
    });
    return updated;
  });
}
