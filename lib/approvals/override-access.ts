import { env } from "@/lib/env";
import type { Db } from "@/lib/db";
import type { ApprovalRequest } from "@/lib/generated/prisma/client";
import { setAccessOverride } from "@/lib/customers/set-access-override";
import { requestApproval } from "./request-approval";
import type { ApprovalActor } from "./types";

export type OverrideAccessInput = {
  customerId: string;
  overrideKind: "grant" | "block";
  reason: string;
  expiresAt: Date | null;
};

export type OverrideAccessOutcome =
  | { status: "pending"; approval: ApprovalRequest }
  | { status: "applied"; decision: Awaited<ReturnType<typeof setAccessOverride>> };

/** The deployment's four-eyes policy for manual overrides (OVERRIDES_REQUIRE_APPROVAL, default on). */
export function overridesRequireApproval(): boolean {
  return env.OVERRIDES_REQUIRE_APPROVAL;
}

/**
 * The one entry point for a person overriding access by hand. With four-eyes on (the
 * default) it only records an approval request (audited), which a second admin or founder
 * must approve (lib/approvals/decide-approval.ts refuses the requester); with it off, the
 * override applies at once (audited by setAccessOverride).
 * Not idempotent by design: each call is one more request or decision.
 */
export async function overrideAccess(
  db: Db,
  actor: ApprovalActor,
  input: OverrideAccessInput,
  now = new Date(),
): Promise<OverrideAccessOutcome> {
  if (overridesRequireApproval()) {
    const approval = await requestApproval(db, actor, { kind: "access_override", ...input }, now);
    return { status: "pending", approval };
  }
  const decision = await setAccessOverride(
    db,
    {
      customerId: input.customerId,
      kind: input.overrideKind,
      reason: input.reason,
      actor: actor.email,
      expiresAt: input.expiresAt,
    },
    now,
  );
  return { status: "applied", decision };
}
