import { z } from "zod";
import { DomainError } from "@/lib/errors";

/** Who acts: the signed-in user (the domain never trusts a role sent by the client). */
export type ApprovalActor = { id: string; email: string };

/** An execution still "executing" after this long was cut off (crash, deploy) and may be retried. */
export const STALE_EXECUTION_MS = 10 * 60_000;

export const ZRefundPayload = z.object({
  target: z.enum(["charge", "invoice"]),
  targetId: z
    .string()
    .trim()
    .regex(/^(ch|py|in)_[A-Za-z0-9_]+$/, "a Stripe charge or invoice id"),
  /** In the smallest currency unit (cents). */
  amount: z.number().int().positive(),
  currency: z.string().nullable(),
});
export const ZPlanChangePayload = z.object({
  stripeSubscriptionId: z.string().min(1),
  priceId: z
    .string()
    .trim()
    .regex(/^price_[A-Za-z0-9_]+$/, "a Stripe price id (price_…)"),
  previousPriceId: z.string().nullable(),
});
export const ZOverridePayload = z.object({
  overrideKind: z.enum(["grant", "block"]),
  /** ISO time; null for "until revoked". */
  expiresAt: z.string().nullable(),
});

export type RefundPayload = z.infer<typeof ZRefundPayload>;
export type PlanChangePayload = z.infer<typeof ZPlanChangePayload>;
export type OverridePayload = z.infer<typeof ZOverridePayload>;

/** A rule the request or decision breaks; its message is safe to show to the user. */
export class ApprovalError extends DomainError {
  constructor(
    readonly code: "not_found" | "invalid" | "own_request" | "not_pending",
    message: string,
  ) {
    super(message);
    this.name = "ApprovalError";
  }
}
