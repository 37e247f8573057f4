import type { Permission } from "@/lib/auth/permissions";

/**
 * The one page registry: every signed-in page, the permission it needs and, when it has
 * one, its nav label. The nav, the dashboard layout's guard, each page's own check and the
 * generated permission tests all read this list; nothing else names a page's permission.
 */
export type DashboardPage = {
  /** Route as in the app folder: dynamic segments in brackets. */
  href: string;
  permission: Permission;
  /** Shown in the main nav, in this order; pages without a label are reached by links. */
  label?: string;
  /** A path to request for a dynamic route in the generated tests. */
  sample?: string;
  /** Where a signed-in person without the permission is sent instead of a 403. */
  otherwise?: string;
};

export const PAGES: readonly DashboardPage[] = [
  { href: "/", label: "Overview", permission: "overview.read", otherwise: "/customers" },
  { href: "/alerts", label: "Alerts", permission: "overview.read" },
  { href: "/customers", label: "Customers", permission: "customer.read" },
  {
    href: "/customers/[id]",
    permission: "customer.read",
    sample: "/customers/matrix-no-such-customer",
  },
  { href: "/ledger", label: "Ledger", permission: "ledger.read" },
  { href: "/ledger/[id]", permission: "ledger.read", sample: "/ledger/matrix-no-such-event" },
  { href: "/exceptions", label: "Exceptions", permission: "exception.read" },
  { href: "/settings/billing-sync", label: "Billing sync", permission: "billing.sync" },
  { href: "/approvals", label: "Approvals", permission: "approval.read" },
  { href: "/audit", label: "Audit log", permission: "audit.read" },
  { href: "/settings", label: "Settings", permission: "settings.read" },
  { href: "/launch", label: "Launch", permission: "launch.read" },
  { href: "/launch/handover", permission: "launch.read" },
];

/**
 * Request header in which proxy.ts forwards the requested path to the dashboard layout
 * (Next gives layouts no pathname). The proxy always overwrites it, so a client cannot set it.
 */
export const PATH_HEADER = "x-launch-ready-path";

/** Pages anyone may open. */
export const PUBLIC_PAGES = ["/signin"];

/** The registered page a path belongs to ("/customers/abc" → "/customers/[id]"), if any. */
export function pageForPath(path: string): DashboardPage | undefined {
  const parts = path.split("?")[0].split("/").filter(Boolean);
  return PAGES.find((p) => {
    const pattern = p.href.split("/").filter(Boolean);
    return (
      pattern.length === parts.length &&
      pattern.every((seg, i) => /^\[[^\]]+\]$/.test(seg) || seg === parts[i])
    );
  });
}

/** The registered page with this route; throws for a route that is not registered. */
export function pageByHref(href: string): DashboardPage {
  const page = PAGES.find((p) => p.href === href);
  if (!page) throw new Error(`${href} is not in the page registry (lib/auth/pages.ts)`);
  return page;
}
