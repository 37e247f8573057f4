// POST/DELETE /api/customers/{id}/access-override — grant or block access by hand (admin, founder;
// with four-eyes on, the default, a POST only requests it for a second person to approve)
import { z } from "zod";
import { overrideAccess } from "@/lib/approvals/override-access";
import { withPermission } from "@/lib/auth/guard";
import { revokeAccessOverride } from "@/lib/customers/set-access-override";
import { db } from "@/lib/db";
import { dispatchSyncTasks } from "@/lib/jobs/dispatch";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

const ZOverride = z.object({
  kind: z.enum(["grant", "block"]),
  reason: z.string().trim().min(3).max(500),
  /** ISO time the override ends by itself; omit or null for "until revoked". */
  expiresAt: z.iso.datetime().nullish(),
});

export const POST = withPermission<Ctx>("customer.override", async (req, ctx, actor) => {
  const { id } = await ctx.params;
  const parsed = ZOverride.safeParse(await req.json().catch(() => null));
  if (!parsed.success) {
    return Response.json({ error: "Expected { kind, reason, expiresAt? }" }, { status: 400 });
  }
  const expiresAt = parsed.data.expiresAt ? new Date(parsed.data.expiresAt) : null;
  if (expiresAt && expiresAt <= new Date()) {
    return Response.json({ error: "expiresAt must be in the future" }, { status: 400 });
  }
  const exists = await db.customer.findUnique({ where: { id }, select: { id: true } });
  if (!exists) return Response.json({ error: "Customer not found" }, { status: 404 });
  const outcome = await overrideAccess(db, actor, {
    customerId: id,
    overrideKind: parsed.data.kind,
    reason: parsed.data.reason,
    expiresAt,
  });
  if (outcome.status === "pending") {
    return Response.json(
      { status: "pending", approvalId: outcome.approval.id },
      { status: 202, headers: { location: "/approvals" } },
    );
  }
  await dispatchSyncTasks(outcome.decision.syncTasks);
  return Response.json(outcome.decision, { status: 201 });
});

export const DELETE = withPermission<Ctx>("customer.override", async (req, ctx, actor) => {
  const { id } = await ctx.params;
  const overrideId = new URL(req.url).searchParams.get("overrideId") ?? "";
  const decision = overrideId
    ? await revokeAccessOverride(db, { customerId: id, overrideId }, actor.email)
    : null;
  if (!decision) return Response.json({ error: "Override not found" }, { status: 404 });
  await dispatchSyncTasks(decision.syncTasks);
  return Response.json(decision);
});
