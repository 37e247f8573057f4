import type { Role } from "@/lib/generated/prisma/enums";

export const ROLES = ["staff", "admin", "founder"] as const satisfies readonly Role[];

/**
 * The one permission matrix: action → roles allowed. Pages, route handlers and server
 * actions all check through `can` (via lib/auth/guard.ts); nothing else decides access.
 */
export const PERMISSIONS = {
  // staff: read customers, ledger, exceptions; notes; request approvals.
  "customer.read": ["staff", "admin", "founder"],
  "customer.export": ["staff", "admin", "founder"],
  "note.write": ["staff", "admin", "founder"],
  "ledger.read": ["staff", "admin", "founder"],
  "exception.read": ["staff", "admin", "founder"],
  "exception.resolve": ["staff", "admin", "founder"],
  "approval.request": ["staff", "admin", "founder"],
  "approval.read": ["staff", "admin", "founder"],
  // Email the customer a link to pay their open invoice (no money moves; once per invoice).
  "customer.payment_link": ["staff", "admin", "founder"],
  // admin: everything staff can, plus approve/reject, replay, retry, overrides, merges.
  "approval.decide": ["admin", "founder"],
  "ledger.retry": ["admin", "founder"],
  "ledger.replay": ["admin", "founder"],
  "exception.retry": ["admin", "founder"],
  "customer.override": ["admin", "founder"],
  // Merge two records of one person, or keep them apart (audited; no four-eyes needed).
  "customer.merge": ["admin", "founder"],
  "audit.read": ["admin", "founder"],
  // Launch readiness: everyone reads the checklist; admins and founders re-run checks, edit
  // what is checked and record secret rotations.
  "launch.read": ["staff", "admin", "founder"],
  "launch.run": ["admin", "founder"],
  "launch.manage": ["admin", "founder"],
  // founder: everything, plus the overview, users, roles, tokens and settings.
  "overview.read": ["founder"],
  "alert.manage": ["founder"],
  "user.manage": ["founder"],
  // Offboarding: disable (all sessions revoked at once) and re-enable a dashboard user.
  "user.disable": ["founder"],
  "token.manage": ["founder"],
  "settings.read": ["founder"],
  "billing.sync": ["founder"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
