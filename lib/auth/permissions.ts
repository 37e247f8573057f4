import type { Role } from "@/lib/generated/prisma/enums";

export const ROLES = ["staff", "admin", "founder"] as const satisfies readonly Role[];

/**
 * The one permission matrix: action → roles allowed. Pages, route handlers and server
 * actions all check through `can` (via lib/auth/guard.ts); nothing else decides access.
 */
export const PERMISSIONS = {
  "overview.read": ["founder"],
  "customer.read": ["staff", "admin", "founder"],
  "ledger.read": ["staff", "admin", "founder"],
  "ledger.retry": ["admin", "founder"],
  "billing.sync": ["founder"],
  "customer.override": ["admin", "founder"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
