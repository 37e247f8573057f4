import { writeAudit } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db";
import type { ApprovalRequest } from "@/lib/generated/prisma/client";
import { executeApproval } from "./execute-approval";
import { ApprovalError, STALE_EXECUTION_MS, type ApprovalActor } from "./types";

export type DecisionOutcome = {
  request: ApprovalRequest;
  /** Sync side effects of an executed override, for the caller to dispatch. */
  syncTasks: { id: string; customerId: string }[];
};

function errorMessage(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).slice(0, 1000);
}

/**
 * Claims a pending request for a decision in one conditional UPDATE, so two admins (or a
 * double click) cannot both decide it. Refuses the requester's own request here, in the
 * domain, whatever the UI shows.
 */
async function claim(
  db: Db,
  id: string,
  actor: ApprovalActor,
  to: "executing" | "rejected",
  note: string | null,
  now: Date,
): Promise<{ claimed: boolean; request: ApprovalRequest }> {
  return db.$transaction(async (tx) => {
    const found = await tx.approvalRequest.findUnique({ where: { id } });
    if (!found) throw new ApprovalError("not_found", "Approval request not found");
    if (found.requestedById === actor.id) {
      throw new ApprovalError("own_request", "You cannot decide your own request");
    }
    // An approval cut off mid-execution may be approved again: every execution step is
    // idempotent (Stripe keys derived from the approval id; the override is looked up first).
    const stale = {
      status: "executing" as const,
      decidedAt: { lt: new Date(now.getTime() - STALE_EXECUTION_MS) },
    };
    const { count } = await tx.approvalRequest.updateMany({
      where: { id, OR: [{ status: "pending" }, ...(to === "executing" ? [stale] : [])] },
      data: {
        status: to,
        decidedById: actor.id,
        decidedByEmail: actor.email,
        decisionNote: note,
        decidedAt: now,
      },
    });
    const request = await tx.approvalRequest.findUniqueOrThrow({ where: { id } });
    if (count === 1) {
      await writeAudit(tx, {
        actor: actor.email,
        action: to === "rejected" ? "approval.reject" : "approval.approve",
        target: request.customerId,
        before: { approvalId: id, status: found.status },
        after: { approvalId: id, status: request.status, note },
      });
    }
    return { claimed: count === 1, request };
  });
}

/**
 * Rejects a pending request; nothing else changes.
 * Idempotent: deciding an already decided request changes nothing and returns it as it is.
 */
export async function rejectApproval(
  db: Db,
  actor: ApprovalActor,
  id: string,
  note: string | null = null,
  now = new Date(),
): Promise<ApprovalRequest> {
  return (await claim(db, id, actor, "rejected", note, now)).request;
}

/**
 * Approves a pending request and executes it at once; the outcome (Stripe ids, or the
 * failure message) is stored on the request and audited. A failed execution changes nothing.
 * Idempotent: a second approval (double click, two admins) finds the request no longer
 * pending and returns it without executing again; Stripe calls carry a key derived from
 * the approval id, so even a retried call refunds once.
 */
export async function approveApproval(
  db: Db,
  actor: ApprovalActor,
  id: string,
  note: string | null = null,
  now = new Date(),
): Promise<DecisionOutcome> {
  const { claimed, request } = await claim(db, id, actor, "executing", note, now);
  if (!claimed) return { request, syncTasks: [] };
  let outcome: { status: "succeeded" | "failed"; result?: object; error?: string };
  let syncTasks: DecisionOutcome["syncTasks"] = [];
  try {
    const done = await executeApproval(db, request, actor, now);
    outcome = { status: "succeeded", result: done.result };
    syncTasks = done.syncTasks;
  } catch (e) {
    outcome = { status: "failed", error: errorMessage(e) };
  }
  const finished = await db.$transaction(async (tx) => {
    const updated = await tx.approvalRequest.update({
      where: { id },
      data: {
        status: outcome.status,
        result: outcome.result,
        error: outcome.error ?? null,
        executedAt: new Date(),
      },
    });
    await writeAudit(tx, {
      actor: actor.email,
      action: outcome.status === "succeeded" ? "approval.execute" : "approval.execute_failed",
      target: request.customerId,
      before: { approvalId: id, kind: request.kind, payload: request.payload, status: "executing" },
      after: {
        approvalId: id,
        status: outcome.status,
        result: outcome.result,
        error: outcome.error,
      },
    });
    return updated;
  });
  return { request: finished, syncTasks };
}
