import { button, layout, p } from "./layout";

export type PaymentLinkEmailInput = {
  /** The customer's name (user data: escaped in HTML). */
  name: string | null;
  productName: string;
  invoiceId: string;
  /** Formatted amount, e.g. "49.00 EUR"; undefined when unknown. */
  amount?: string;
  /** Stripe's hosted invoice page or a customer portal session. */
  url: string;
};

const greeting = (i: PaymentLinkEmailInput) => (i.name ? `Hi ${i.name},` : "Hi,");
const what = (i: PaymentLinkEmailInput) =>
  `Your invoice ${i.invoiceId}${i.amount ? ` for ${i.amount}` : ""} is still open. You can pay it securely here:`;

export function paymentLinkSubject(i: PaymentLinkEmailInput): string {
  return `Your ${i.productName} invoice: a link to pay`;
}

export function renderPaymentLink(i: PaymentLinkEmailInput) {
  const subject = paymentLinkSubject(i);
  const text = [greeting(i), "", what(i), i.url, "", `The ${i.productName} team`].join("\n");
  const html = layout(
    subject,
    [p(greeting(i)), p(what(i)), button("Pay the invoice", i.url)].join("\n"),
    `The ${i.productName} team`,
  );
  return { subject, text, html };
}
