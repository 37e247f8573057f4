import type { TimelineItem } from "@/lib/customers/customer-detail";

const SYSTEM = {
  stripe: "Stripe",
  hubspot: "HubSpot",
  zendesk: "Zendesk",
  app: "App",
  crm: "HubSpot",
  support: "Zendesk",
  email: "Email",
} as Record<string, string>;

const ACTIONS: Record<string, string> = {
  "crm.upsert_contact": "contact updated",
  "support.open_ticket": "ticket opened",
  "support.solve_ticket": "ticket solved",
  "email.welcome": "welcome email",
  "email.dunning": "payment reminder email",
  "email.payment_link": "payment link email",
  "app.access_changed": "app told about access",
  "customer.payment_link": "Payment link sent",
  "customer.note": "Note added",
  "customer.sync_retry": "Sync retried",
  "customer.merge": "Records merged",
  "customer.keep_separate": "Records kept apart",
  "access.override_grant": "Access granted by hand",
  "access.override_block": "Access blocked by hand",
  "access.override_revoke": "Override revoked",
  "approval.request": "Approval requested",
  "approval.execute": "Approved request carried out",
  "approval.execute_failed": "Approved request failed; nothing changed",
};

const words = (code: string) => code.replaceAll(/[._]/g, " ");

/** A sync task's action ("crm.upsert_contact") as "HubSpot: contact updated". */
export function syncActionWords(target: string, action: string): string {
  return `${SYSTEM[target] ?? target}: ${ACTIONS[action] ?? words(action.replace(/^[a-z]+\./, ""))}`;
}

/** The timeline entry in plain words; the machine name stays in a disclosure. */
export function plainTitle(t: TimelineItem): string {
  if (t.kind === "access") return t.title.replace(/_/g, " ");
  if (t.kind === "action") return ACTIONS[t.code] ?? words(t.code);
  const system = SYSTEM[t.source] ?? t.source;
  return `${system}: ${ACTIONS[t.code] ?? words(t.code)}`;
}
