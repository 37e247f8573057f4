import { formatMoney } from "@/lib/format";

import type {
  CustomerSnapshot,
  SyncPayloads,
  SyncTaskInput,
  TicketCause,
} from "@/lib/integrations/connector/types";

/** Zendesk group per cause, with an optional "default" (ZENDESK_GROUP_RULES). */
export type TicketGroupRules = Partial<Record<TicketCause | "default", number>> &
  Record<string, number>;

/** The group a ticket of `cause` goes to: the cause's rule, else "default", else none. */
export function ticketGroupFor(
  cause: TicketCause,
  rules: TicketGroupRules | undefined,
): number | undefined {
  return rules?.[cause] ?? rules?.default;
}

/** One ticket per customer and cause: the key we look tickets up by. */
export function ticketExternalId(customerId: string, cause: TicketCause, causeId: string): string {
  return `launch-ready:${customerId}:${cause}:${causeId}`;
}

const CAUSE_TITLE: Record<TicketCause, string> = {
  payment_failed: "Payment failed",
  dispute: "Payment disputed",
  blocked: "Access blocked",
};

const CAUSE_PRIORITY: Record<TicketCause, "urgent" | "high" | "normal"> = {
  // A dispute has a response deadline at the card network.
  dispute: "urgent",
  payment_failed: "high",
  blocked: "high",
};

export function ticketPriorityFor(cause: TicketCause) {
  return CAUSE_PRIORITY[cause];
}

export function ticketSubject(
  payload: SyncPayloads["support.open_ticket"],
  customer: CustomerSnapshot,
): string {
  const who = customer.name ?? customer.email ?? customer.id;
  const amount = formatMoney(payload.amountDue, payload.currency);
  return `${CAUSE_TITLE[payload.cause]}: ${who}${amount ? ` (${amount})` : ""}`;
}

/** The internal note with everything an agent needs without opening another tool. */
export function ticketBody(
  task: SyncTaskInput<"support.open_ticket">,
  customer: CustomerSnapshot,
): string {
  const p = task.payload;
  const amount = formatMoney(p.amountDue, p.currency);
  const lines = [
    `Launch Ready opened this ticket automatically: ${CAUSE_TITLE[p.cause].toLowerCase()}.`,
    "",
    `Customer: ${customer.name ?? "(no name)"} <${customer.email ?? "no email"}>`,
    `Customer id: ${customer.id}${customer.stripeCustomerId ? ` (Stripe ${customer.stripeCustomerId})` : ""}`,
    `Plan: ${customer.plan ?? "none"}`,
    `Billing: ${customer.billingStatus} · Access: ${customer.accessStatus}`,
  ];
  if (amount || p.invoiceId) {
    lines.push(`Amount: ${amount || "unknown"}${p.invoiceId ? ` (invoice ${p.invoiceId})` : ""}`);
  }
  lines.push(`Cause: ${p.cause} ${p.causeId}`, "", "Why access is limited:");
  if (customer.accessReasons.length === 0) lines.push("- Nothing: access is not limited.");
  for (const r of customer.accessReasons) {
    lines.push(`- ${r.message} Next action: ${r.nextAction}`);
  }
  lines.push("", "Recent events (newest first):");
  if (customer.recentEvents.length === 0) lines.push("- none recorded");
  for (const e of customer.recentEvents.slice(0, 10)) lines.push(`- ${e.at} ${e.type}`);
  lines.push("", `Dashboard: ${customer.dashboardUrl}`, `Correlation id: ${task.correlationId}`);
  return lines.join("\n");
}
