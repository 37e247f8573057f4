import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import type { Db, Tx } from "@/lib/db";
import { normalizeEmail } from "@/lib/customers/normalize-email";
import type { Role } from "@/lib/generated/prisma/enums";

/** A rule a user change breaks; the message is safe to show. */
export class UserChangeError extends DomainError {
  constructor(message: string) {
    super(message);
    this.name = "UserChangeError";
  }
}

/** Locks every active founder (so two concurrent changes cannot both remove the last one). */
export async function lockActiveFounders(tx: Tx): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "User" WHERE "role" = 'founder' AND "disabledAt" IS NULL FOR UPDATE`;
  return rows.map((r) => r.id);
}

export const ZRole = z.enum(["founder", "admin", "staff"]);

/**
 * Invites a person: creates their user with a role, so the invite-only magic-link sign-in
 * accepts their email. Idempotent: inviting an existing email changes nothing and says so.
 */
export async function inviteUser(
  db: Db,
  actor: { email: string },
  input: { email: string; name?: string | null; role: Role },
) {
  const email = normalizeEmail(input.email);
  if (!email || !z.email().safeParse(email).success)
    throw new UserChangeError("Enter a valid email");
  const role = ZRole.parse(input.role);
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email } });
    if (existing) throw new UserChangeError(`${email} is already a user (${existing.role})`);
    const user = await tx.user.create({
      data: { email, name: input.name?.trim() || null, role },
    });
    await writeAudit(tx, {
      actor: actor.email,
      action: "user.invite",
      target: `user:${user.id}`,
      after: { email, role, name: user.name },
    });
    return user;
  });
}

/**
 * Changes a user's role (applies at their next request). The last founder cannot be
 * demoted: founders are locked while counting, so two concurrent demotions cannot both pass.
 * Idempotent: setting the role a user already has changes nothing and writes no audit entry.
 */
export async function changeUserRole(db: Db, actor: { email: string }, userId: string, role: Role) {
  const next = ZRole.parse(role);
  return db.$transaction(async (tx) => {
    const founders = await lockActiveFounders(tx);
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new UserChangeError("User not found");
    if (user.role === next) return user;
    // Disabled founders do not count: someone active must remain able to manage users.
    if (user.role === "founder" && !user.disabledAt && founders.length <= 1) {
      throw new UserChangeError(
        "The last founder cannot be demoted: make someone else founder first",
      );
    }
    const updated = await tx.user.update({ where: { id: userId }, data: { role: next } });
    await writeAudit(tx, {
      actor: actor.email,
      action: "user.role_change",
      target: `user:${userId}`,
      before: { email: user.email, role: user.role },
      after: { email: user.email, role: next },
    });
    return updated;
  });
}

/** Users, founders first, then by email. */
export async function listUsers(db: Db) {
  const users = await db.user.findMany({
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      createdAt: true,
      emailVerified: true,
      disabledAt: true,
    },
    orderBy: { email: "asc" },
  });
  const rank: Record<Role, number> = { founder: 0, admin: 1, staff: 2 };
  return users.sort((a, b) => rank[a.role] - rank[b.role]);
}
