import { getServerSession } from "next-auth";
import { revalidatePath } from "next/cache";
import { forbidden, notFound, redirect, unstable_rethrow } from "next/navigation";
import { headers } from "next/headers";
import { cache } from "react";
import { z } from "zod";
import type { ActionState, FormAction } from "@/lib/actions/action-state";
import { authOptions } from "@/lib/auth/options";
import { pathRecordExists } from "@/lib/auth/page-records";
import { PATH_HEADER, pageByHref, pageForPath, type DashboardPage } from "@/lib/auth/pages";
import { can, type Permission } from "@/lib/auth/permissions";
import { crossSiteRefusal } from "@/lib/auth/same-origin";
import { actorForSession, type Actor, type AppSession } from "@/lib/auth/session-actor";
import { db } from "@/lib/db";
import { DomainError, GENERIC_FAILURE } from "@/lib/errors";
import { log } from "@/lib/log";

export type { Actor };

/**
 * The signed-in user, with the role read from the database (a changed role applies at once);
 * null for a disabled user or a session revoked by a disable.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions())) as AppSession | null;
  return actorForSession(db, session);
});

/** Redirect to sign-in when signed out, 403 (or the page's `otherwise`) without the permission. */
async function requireAccess(page: DashboardPage, path: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  if (!can(actor.role, page.permission)) {
    if (page.otherwise) redirect(page.otherwise);
    forbidden();
  }
  return actor;
}

/**
 * For a page: the check its registry entry (lib/auth/pages.ts) asks for. `path` is the URL
 * to come back to after signing in (defaults to the route itself).
 */
export async function requirePage(href: string, path = href): Promise<Actor> {
  // The proxy's path keeps the query (a deep link such as /customers?access=blocked).
  const requested = (await headers()).get(PATH_HEADER);
  const full = requested && pageForPath(requested)?.href === href ? requested : path;
  return requireAccess(pageByHref(href), full);
}

/**
 * For the dashboard layout: the same check for the requested path, run above the loading
 * boundary so a redirect, 403 or 404 (an unknown id, lib/auth/page-records.ts) is the
 * response's status, not a streamed fallback. A path missing from the registry fails closed.
 */
export async function requirePath(path: string | null): Promise<Actor> {
  const page = path ? pageForPath(path) : undefined;
  if (!path || !page) throw new Error(`No registered page for ${path ?? "(no path header)"}`);
  const actor = await requireAccess(page, path);
  if (!(await pathRecordExists(db, path))) notFound();
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

/** Refuses before any action body runs (a forged POST reaches nothing). */
async function actionActor(permission: Permission): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) throw new Error("Sign in required");
  if (!can(actor.role, permission)) throw new Error("Forbidden");
  return actor;
}

/** What a ZodError shows: the action's own message, else the schema's first message. */
function invalidMessage(e: z.ZodError, invalid: string | undefined): string {
  return invalid ?? e.issues[0]?.message ?? "Please check the form";
}

/**
 * The one way to write a server action: check the permission (throws "Sign in required" /
 * "Forbidden"), parse the form with `schema`, run, revalidate `revalidate`'s paths (whatever the outcome), answer
 * an ActionState. A DomainError's message is shown as is, a ZodError as `invalid`; anything
 * else is logged and shown as a generic message so no internals reach the browser.
 * Next's own redirect/notFound signals pass through.
 */
export function defineAction<S extends z.ZodType>(options: {
  permission: Permission;
  schema: S;
  /** Shown when the form does not parse (default: the schema's first message). */
  invalid?: string;
  revalidate?: string[] | ((input: z.output<S>) => string[]);
  run: (input: z.output<S>, actor: Actor) => Promise<ActionState>;
}): FormAction {
  const { permission, schema, invalid, revalidate = [], run } = options;
  return async (_prev, form) => {
    const actor = await actionActor(permission);
    const parsed = schema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return { ok: false, message: invalidMessage(parsed.error, invalid) };
    try {
      return await run(parsed.data, actor);
    } catch (e) {
      unstable_rethrow(e);
      if (e instanceof DomainError) return { ok: false, message: e.message };
      if (e instanceof z.ZodError) return { ok: false, message: invalidMessage(e, invalid) };
      log.error({ err: String(e), permission, actorId: actor.id }, "server action failed");
      return { ok: false, message: GENERIC_FAILURE };
    } finally {
      // Also after a refusal or a redirect: the page shows the current truth either way.
      const paths = typeof revalidate === "function" ? revalidate(parsed.data) : revalidate;
      for (const p of paths) revalidatePath(p);
    }
  };
}
