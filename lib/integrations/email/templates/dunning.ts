import { button, layout, p } from "./layout";

export type DunningEmailInput = {
  /** The customer's name (user data: escaped in HTML). */
  name: string | null;
  productName: string;
  invoiceId: string;
  /** Formatted amount, e.g. "49.00 EUR"; undefined when unknown. */
  amount?: string;
  /** Formatted day of Stripe's next automatic retry; undefined when none is scheduled. */
  nextAttempt?: string;
  /** Where the customer updates the card (e.g. the Stripe customer portal login link). */
  billingPortalUrl?: string;
};

function greeting(i: DunningEmailInput) {
  return i.name ? `Hi ${i.name},` : "Hi,";
}

function what(i: DunningEmailInput) {
  return `We could not collect the payment${i.amount ? ` of ${i.amount}` : ""} for invoice ${i.invoiceId}.`;
}

function retry(i: DunningEmailInput) {
  return i.nextAttempt
    ? `We will try the card again on ${i.nextAttempt}. Updating your payment method before then keeps your access uninterrupted.`
    : "No further automatic attempt is scheduled: please update your payment method to keep your access.";
}

export function dunningSubject(i: DunningEmailInput): string {
  return `Action needed: payment for your ${i.productName} subscription failed`;
}

export function dunningText(i: DunningEmailInput): string {
  return [
    greeting(i),
    "",
    what(i),
    retry(i),
    "",
    i.billingPortalUrl
      ? `Update your payment method: ${i.billingPortalUrl}`
      : "Reply to this email and we will send you a secure link to update your payment method.",
    "",
    `The ${i.productName} team`,
  ].join("\n");
}

export function dunningHtml(i: DunningEmailInput): string {
  return layout(
    dunningSubject(i),
    [
      p(greeting(i)),
      p(what(i)),
      p(retry(i)),
      i.billingPortalUrl
        ? button("Update payment method", i.billingPortalUrl)
        : p(
            "Reply to this email and we will send you a secure link to update your payment method.",
          ),
    ].join("\n"),
    `The ${i.productName} team`,
  );
}

export function renderDunning(i: DunningEmailInput) {
  return { subject: dunningSubject(i), text: dunningText(i), html: dunningHtml(i) };
}
