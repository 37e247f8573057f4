import { customerSafeReasons } from "@/lib/access/customer-safe";
import type { CustomerSnapshot } from "@/lib/integrations/connector/types";

/**
 * Custom contact properties the HubSpot connector writes. They must exist in the portal
 * (Settings → Properties → Contact properties, single-line text) before the first sync;
 * HubSpot refuses unknown properties with a 400, which ends the task as dead.
 */
export const HUBSPOT_CUSTOM_PROPERTIES = [
  "launch_ready_customer_id",
  "launch_ready_plan",
  "launch_ready_billing_status",
  "launch_ready_access_status",
  "launch_ready_access_reason",
];

/** HubSpot's default lifecycle stages, earliest first. */
export const LIFECYCLE_ORDER = [
  "subscriber",
  "lead",
  "marketingqualifiedlead",
  "salesqualifiedlead",
  "opportunity",
  "customer",
  "evangelist",
  "other",
];

/** "customer" once billing is paying, otherwise "lead". */
export function desiredLifecycleStage(c: CustomerSnapshot): "lead" | "customer" {
  return c.billingStatus === "active" || c.accessStatus === "active" ? "customer" : "lead";
}

/**
 * The stage to write, or undefined to leave it: only forward moves. An unknown current
 * stage (a portal's custom stage) is left alone, since we cannot tell forward from back.
 */
export function lifecycleStageToWrite(
  current: string | null | undefined,
  desired: string,
): string | undefined {
  if (!current) return desired;
  const from = LIFECYCLE_ORDER.indexOf(current);
  const to = LIFECYCLE_ORDER.indexOf(desired);
  if (from < 0 || to <= from) return undefined;
  return desired;
}

/** Splits "Ada King Lovelace" into firstname "Ada", lastname "King Lovelace". */
export function splitName(name: string | null): { firstname?: string; lastname?: string } {
  const parts = (name ?? "").trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return {};
  if (parts.length === 1) return { firstname: parts[0] };
  return { firstname: parts[0], lastname: parts.slice(1).join(" ") };
}

/** The contact properties for one customer, lifecycle stage excluded. */
export function contactProperties(c: CustomerSnapshot): Record<string, string> {
  return {
    email: c.email ?? "",
    ...splitName(c.name),
    launch_ready_customer_id: c.id,
    launch_ready_plan: c.plan ?? "",
    launch_ready_billing_status: c.billingStatus,
    launch_ready_access_status: c.accessStatus,
    // An empty string clears the property in HubSpot: no reasons once access is active.
    // Customer-safe words only: the CRM is outside the dashboard (no staff names or notes).
    launch_ready_access_reason: customerSafeReasons(c.accessReasons)
      .map((r) => `${r.code}: ${r.message} Next: ${r.nextAction}`)
      .join("\n"),
  };
}
