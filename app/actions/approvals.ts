"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/components/ui/action-state";
import { approveApproval, rejectApproval } from "@/lib/approvals/decide-approval";
import { requestApproval, type ApprovalInput } from "@/lib/approvals/request-approval";
import { ApprovalError } from "@/lib/approvals/types";
import { authorizedAction } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { dispatchSyncTasks } from "@/lib/jobs/dispatch";

function failure(e: unknown): ActionState {
  if (e instanceof ApprovalError) return { ok: false, message: e.message };
  if (e instanceof z.ZodError)
    return { ok: false, message: e.issues[0]?.message ?? "Invalid input" };
  throw e;
}

const text = (f: FormData, k: string) => String(f.get(k) ?? "").trim();

/** Reads the request form: amounts are typed in major units (12.50) and stored in cents. */
function parseRequest(f: FormData): ApprovalInput {
  const base = { customerId: text(f, "customerId"), reason: text(f, "reason") };
  const kind = text(f, "kind");
  if (kind === "refund") {
    const [target, targetId] = text(f, "refundTarget").split(":");
    const amount = Math.round(Number(text(f, "amount")) * 100);
    return {
      ...base,
      kind,
      target: target as "charge" | "invoice",
      targetId: targetId ?? "",
      amount,
    };
  }
  if (kind === "plan_change") {
    return {
      ...base,
      kind,
      stripeSubscriptionId: text(f, "stripeSubscriptionId"),
      priceId: text(f, "priceId"),
    };
  }
  const expires = text(f, "expiresAt");
  return {
    ...base,
    kind: "access_override",
    overrideKind: text(f, "overrideKind") as "grant" | "block",
    expiresAt: expires ? new Date(`${expires}Z`) : null,
  };
}

/** Server action: ask for a refund, plan change or access override (staff and up). */
export const requestApprovalAction = authorizedAction(
  "approval.request",
  async (actor, _prev: ActionState, formData: FormData): Promise<ActionState> => {
    try {
      const r = await requestApproval(db, actor, parseRequest(formData));
      revalidatePath("/approvals");
      return { ok: true, message: `Request sent for approval (${r.id}).` };
    } catch (e) {
      return failure(e);
    }
  },
);

const ZDecision = z.object({
  approvalId: z.string().min(1).max(64),
  decision: z.enum(["approve", "reject"]),
  note: z.string().trim().max(500).optional(),
});

/** Server action: approve (and execute) or reject a request (admin, founder; never one's own). */
export const decideApprovalAction = authorizedAction(
  "approval.decide",
  async (actor, _prev: ActionState, formData: FormData): Promise<ActionState> => {
    try {
      const d = ZDecision.parse({
        approvalId: formData.get("approvalId"),
        decision: formData.get("decision"),
        note: formData.get("note") ?? undefined,
      });
      let status: string;
      if (d.decision === "reject") {
        status = (await rejectApproval(db, actor, d.approvalId, d.note || null)).status;
      } else {
        const outcome = await approveApproval(db, actor, d.approvalId, d.note || null);
        await dispatchSyncTasks(outcome.syncTasks);
        status = outcome.request.status;
      }
      revalidatePath("/approvals");
      return { ok: status !== "failed", message: `Request ${status}.` };
    } catch (e) {
      return failure(e);
    }
  },
);
