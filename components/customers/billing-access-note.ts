/**
 * One line explaining why Stripe's billing status and our access status differ, in words a
 * support agent can read aloud; null when they agree or the difference needs no words.
 */
export function billingAccessNote(
  billing: string,
  access: string,
  invoice: { id: string; status: string; failureCode: string | null } | null,
  firstReason: string | null,
): string | null {
  const b = billing.replaceAll("_", " ");
  const a = access.replaceAll("_", " ");
  if (billing === access || (billing === "trialing" && access === "trial")) return null;
  const failed = invoice && invoice.failureCode ? invoice : null;
  if ((billing === "active" || billing === "trialing") && failed) {
    return `Stripe still calls the subscription ${b} while it retries the payment; access is ${a} because invoice ${failed.id} failed.`;
  }
  if (billing === "past_due" && access === "active") {
    return "Stripe marks the subscription past due, but access stays active while the grace period runs.";
  }
  if (firstReason) return `Stripe says ${b}; access is ${a}: ${firstReason}`;
  return null;
}
