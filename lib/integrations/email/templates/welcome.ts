import { button, layout, p } from "./layout";

export type WelcomeEmailInput = {
  /** The customer's name (user data: escaped in HTML). */
  name: string | null;
  productName: string;
  /** Where the customer starts using the product; omitted from the email when unset. */
  productUrl?: string;
};

function greeting(i: WelcomeEmailInput) {
  return i.name ? `Hi ${i.name},` : "Hi,";
}

export function welcomeSubject(i: WelcomeEmailInput): string {
  return `Welcome to ${i.productName}`;
}

export function welcomeText(i: WelcomeEmailInput): string {
  return [
    greeting(i),
    "",
    `Thank you for subscribing to ${i.productName}. Your account is active and everything is unlocked.`,
    ...(i.productUrl ? ["", `Get started: ${i.productUrl}`] : []),
    "",
    "If anything is unclear, just reply to this email: a person reads every answer.",
    "",
    `The ${i.productName} team`,
  ].join("\n");
}

export function welcomeHtml(i: WelcomeEmailInput): string {
  return layout(
    welcomeSubject(i),
    [
      p(greeting(i)),
      p(
        `Thank you for subscribing to ${i.productName}. Your account is active and everything is unlocked.`,
      ),
      button("Get started", i.productUrl),
      p("If anything is unclear, just reply to this email: a person reads every answer."),
    ].join("\n"),
    `The ${i.productName} team`,
  );
}

export function renderWelcome(i: WelcomeEmailInput) {
  return { subject: welcomeSubject(i), text: welcomeText(i), html: welcomeHtml(i) };
}
