import { PAGES, PUBLIC_PAGES } from "@/lib/auth/pages";
import type { Permission } from "@/lib/auth/permissions";

/**
 * Every protected entry point and the permission it needs: the source of the generated
 * permission-matrix tests (e2e/permission-matrix.spec.ts for pages and route handlers,
 * app/actions/permission-matrix.test.ts for server actions). Those tests glob the app and
 * fail on anything not listed here, so a new page, route or action must be added.
 */

/** Pages by route (app/<route>/page.tsx), read from the page registry. */
export const PROTECTED_PAGES: Record<string, { permission: Permission; sample?: string }> =
  Object.fromEntries(PAGES.map((p) => [p.href, { permission: p.permission, sample: p.sample }]));

export { PUBLIC_PAGES };

/** Route handlers under app/api by route, method → permission (dashboard session auth). */
export const PROTECTED_ROUTES: Record<
  string,
  { sample: string; methods: Partial<Record<string, Permission>> }
> = {
  "/api/customers/[id]/access-override": {
    sample: "/api/customers/matrix-no-such-customer/access-override",
    methods: { POST: "customer.override", DELETE: "customer.override" },
  },
  "/api/launch/handover": {
    sample: "/api/launch/handover",
    methods: { GET: "launch.read" },
  },
  "/api/customers/export": {
    sample: "/api/customers/export",
    methods: { GET: "customer.export" },
  },
  // An unknown topic answers 400 once allowed, so the check does not hold a stream open.
  "/api/live": {
    sample: "/api/live?topics=no-such-topic",
    methods: { GET: "customer.read" },
  },
};

/**
 * Route handlers that do not use the dashboard session, each with its own check:
 * signed webhooks, next-auth itself, Inngest's signed serve endpoint, health and metrics
 * probes, and the bearer-token read API (tested in app/api/v1/**).
 */
export const ROUTE_EXCLUSIONS = [
  "/api/webhooks/",
  "/api/auth/",
  "/api/inngest",
  "/api/health",
  "/api/ping",
  "/api/metrics",
  "/api/v1/",
];

/** Server actions by "<file under app/actions>#<export>". */
export const PROTECTED_ACTIONS: Record<string, Permission> = {
  "billing-sync#startStripeImportAction": "billing.sync",
  "billing-sync#runDriftCheckAction": "billing.sync",
  "retry-ledger-event#retryLedgerEventAction": "ledger.retry",
  "alerts#acknowledgeAlertAction": "alert.manage",
  "launch#rerunLaunchChecksAction": "launch.run",
  "launch#saveLaunchSettingsAction": "launch.manage",
  "launch#addUptimeTargetAction": "launch.manage",
  "launch#removeUptimeTargetAction": "launch.manage",
  "launch#recordSecretRotationAction": "launch.manage",
  "alerts#updateAlertRuleAction": "alert.manage",
  "ops#addNoteAction": "note.write",
  "ops#replayLedgerEventAction": "ledger.replay",
  "ops#retryExceptionAction": "exception.retry",
  "ops#resolveExceptionAction": "exception.resolve",
  "ops#assignExceptionAction": "exception.resolve",
  "identity#mergeCustomersAction": "customer.merge",
  "identity#keepCustomersSeparateAction": "customer.merge",
  "approvals#requestApprovalAction": "approval.request",
  "approvals#decideApprovalAction": "approval.decide",
  "settings#inviteUserAction": "user.manage",
  "settings#changeUserRoleAction": "user.manage",
  "settings#disableUserAction": "user.disable",
  "settings#enableUserAction": "user.disable",
  "settings#createApiTokenAction": "token.manage",
  "settings#revokeApiTokenAction": "token.manage",
  "customer-panel#sendPaymentLinkAction": "customer.payment_link",
  "customer-panel#grantOverrideAction": "customer.override",
  "customer-panel#revokeOverrideAction": "customer.override",
  "customer-panel#retrySyncAction": "exception.retry",
  "customer-panel#resolveCustomerExceptionsAction": "exception.resolve",
};
