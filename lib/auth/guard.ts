import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "@/lib/auth/options";
import { can, type Permission } from "@/lib/auth/permissions";
import { crossSiteRefusal } from "@/lib/auth/same-origin";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

export type Actor = { id: string; email: string; name: string | null; role: Role };

/** The signed-in user, with the role read from the database (a changed role applies at once). */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions());
  const email = session?.user?.email;
  if (!email) return null;
  return db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true },
  });
});

/** For pages: redirect to sign-in when signed out, 403 when the role lacks the permission. */
export async function requirePagePermission(
  permission: Permission,
  callbackUrl = "/",
): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  if (!can(actor.role, permission)) forbidden();
  return actor;
}

type RouteHandler<C> = (req: Request, ctx: C, actor: Actor) => Promise<Response>;

/**
 * For route handlers used from the dashboard: 403/415 for a possible cross-site forgery,
 * 401 signed out, 403 without the permission.
 */
export function withPermission<C>(permission: Permission, handler: RouteHandler<C>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    const refusal = crossSiteRefusal(req.method, req.headers);
    if (refusal) return Response.json({ error: refusal.error }, { status: refusal.status });
    const actor = await currentActor();
    if (!actor) return Response.json({ error: "Sign in required" }, { status: 401 });
    if (!can(actor.role, permission)) return Response.json({ error: "Forbidden" }, { status: 403 });
    return handler(req, ctx, actor);
  };
}

/** For server actions: the same check; throws so a forged POST never reaches the action body. */
export function authorizedAction<A extends unknown[], R>(
  permission: Permission,
  action: (actor: Actor, ...args: A) => Promise<R>,
) {
  return async (...args: A): Promise<R> => {
    const actor = await currentActor();
    if (!actor) throw new Error("Sign in required");
    if (!can(actor.role, permission)) throw new Error("Forbidden");
    return action(actor, ...args);
  };
}
