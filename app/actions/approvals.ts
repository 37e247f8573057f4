"use server";

import { z } from "zod";
import { approveApproval, rejectApproval } from "@/lib/approvals/decide-approval";
import { requestApproval, type ApprovalInput } from "@/lib/approvals/request-approval";
import { defineAction } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { dispatchSyncTasks } from "@/lib/jobs/dispatch";

const text = z.string().trim().default("");

/**
 * The request form as the domain's input (which validates it): amounts are typed in major
 * units (12.50) and stored in cents; the refund target comes as "charge:ch_…".
 */
const ZRequestForm = z
  .object({
    customerId: text,
    reason: text,
    kind: text,
    refundTarget: text,
    amount: text,
    stripeSubscriptionId: text,
    priceId: text,
    overrideKind: text,
    expiresAt: text,
  })
  // Plain words for what the form left out (the domain's schema would answer with enum names).
  .superRefine((f, ctx) => {
    const need = (ok: boolean, message: string) => ok || ctx.addIssue({ code: "custom", message });
    need(
      ["refund", "plan_change", "access_override"].includes(f.kind),
      "Choose a refund, a plan change or an access change",
    );
    if (f.kind === "refund") {
      need(/^(charge|invoice):\S+$/.test(f.refundTarget), "Choose the payment to refund");
      need(Number(f.amount) > 0, "Enter the amount to refund, e.g. 12.50");
    }
    if (f.kind === "access_override") {
      need(["grant", "block"].includes(f.overrideKind), "Choose grant or block");
    }
  })
  .transform((f): ApprovalInput => {
    const base = { customerId: f.customerId, reason: f.reason };
    if (f.kind === "refund") {
      const [target, targetId] = f.refundTarget.split(":");
      return {
        ...base,
        kind: "refund",
        target: target as "charge" | "invoice",
        targetId: targetId ?? "",
        amount: Math.round(Number(f.amount) * 100),
      };
    }
    if (f.kind === "plan_change") {
      return {
        ...base,
        kind: "plan_change",
        stripeSubscriptionId: f.stripeSubscriptionId,
        priceId: f.priceId,
      };
    }
    return {
      ...base,
      kind: "access_override",
      overrideKind: f.overrideKind as "grant" | "block",
      expiresAt: f.expiresAt ? new Date(`${f.expiresAt}Z`) : null,
    };
  });

/** Server action: ask for a refund, plan change or access override (staff and up). */
export const requestApprovalAction = defineAction({
  permission: "approval.request",
  schema: ZRequestForm,
  revalidate: ["/approvals"],
  run: async (input, actor) => {
    await requestApproval(db, actor, input);
    return {
      ok: true,
      message: "Request sent for approval: an admin decides it on the Approvals page",
    };
  },
});

/** Server action: approve (and execute) or reject a request (admin, founder; never one's own). */
export const decideApprovalAction = defineAction({
  permission: "approval.decide",
  schema: z.object({
    approvalId: z.string().min(1).max(64),
    decision: z.enum(["approve", "reject"]),
    note: z.string().trim().max(500).optional(),
  }),
  revalidate: ["/approvals"],
  run: async (d, actor) => {
    if (d.decision === "reject") {
      await rejectApproval(db, actor, d.approvalId, d.note || null);
      return { ok: true, message: "Rejected: nothing was changed" };
    }
    const outcome = await approveApproval(db, actor, d.approvalId, d.note || null);
    await dispatchSyncTasks(outcome.syncTasks);
    const r = outcome.request;
    if (r.status === "failed") {
      return {
        ok: false,
        message: `Approved, but it failed and nothing changed: ${r.error ?? "unknown error"}`,
      };
    }
    if (r.status === "succeeded") return { ok: true, message: "Approved and done" };
    return { ok: true, message: `The request is ${r.status}` };
  },
});
