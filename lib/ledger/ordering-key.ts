import { idOf } from "@/lib/integrations/stripe/objects";
import type { LedgerSource } from "@/lib/generated/prisma/enums";

type Obj = Record<string, unknown>;

/**
 * The key that serializes processing of one provider customer's events (per-key concurrency
 * 1 in the in-process executor and in Inngest): a Stripe event by the Stripe customer its
 * object names (a dispute or refund, which name only a charge, by that charge). Events with
 * no such key get their own ledger id, i.e. no ordering constraint. Correctness does not
 * depend on it (advisory locks and read numbers do that); it keeps events of one customer
 * from racing each other for locks and reads.
 */
export function orderingKeyOf(
  source: LedgerSource,
  ledgerEventId: string,
  payload: unknown,
): string {
  if (source === "stripe") {
    const object = ((payload as Obj | null)?.data as Obj | undefined)?.object as Obj | undefined;
    const customer = idOf(object?.customer) ?? idOf(object?.related_customer);
    if (customer) return `stripe:${customer}`;
    const charge = idOf(object?.charge);
    if (charge) return `stripe-charge:${charge}`;
  }
  return `ledger:${ledgerEventId}`;
}
