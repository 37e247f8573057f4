import type { AccessReason } from "@/lib/access/facts";
import { customerSafeByCode } from "@/lib/access/reasons";

/**
 * A reason as it may leave the dashboard (read API, app webhook, CRM): the field names of
 * the public contract, filled with the customer-safe words only. `message` is what the
 * product app may show the customer; `nextAction` is the customer's next step.
 */
export type CustomerSafeReason = {
  code: string;
  message: string;
  since: string;
  nextAction: string;
};

/**
 * Copies only what may leave: never the internal sentence (who decided, why, provider ids)
 * nor the staff next step. A reason stored before it carried customer words gets the
 * code's generic words.
 */
export function customerSafeReason(r: AccessReason): CustomerSafeReason {
  const fallback = customerSafeByCode(r.code, null);
  return {
    code: r.code,
    message: r.customerMessage ?? fallback.customerMessage,
    since: r.since,
    nextAction: r.customerNextAction ?? fallback.customerNextAction,
  };
}

export function customerSafeReasons(reasons: readonly AccessReason[]): CustomerSafeReason[] {
  return reasons.map(customerSafeReason);
}
