import type { Db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

export type Actor = { id: string; email: string; name: string | null; role: Role };

/** What the session carries besides the email: the user's session version at sign-in. */
export type AppSession = { user?: { email?: string | null } | null; sv?: number };

/**
 * The user a next-auth session belongs to, read from the database on every request: null when
 * the user is gone or disabled, or when the session predates their last disable (its version
 * is older), so revoking is immediate although sessions are stateless JWTs.
 */
export async function actorForSession(
  db: Db,
  session: AppSession | null | undefined,
): Promise<Actor | null> {
  const email = session?.user?.email;
  if (!email) return null;
  const user = await db.user.findUnique({
    where: { email },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabledAt: true,
      sessionVersion: true,
    },
  });
  if (!user || user.disabledAt || (session.sv ?? 0) !== user.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
