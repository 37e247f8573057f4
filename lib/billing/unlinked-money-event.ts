import { UNLINKED_MONEY_EVENT } from "@/lib/exceptions/kinds";
import type { Tx } from "@/lib/db";
import type { StripeTruth } from "@/lib/billing/read-stripe-truth";
import type { EventFacts } from "@/lib/billing/types";

const WHAT: Record<string, string> = {
  dispute: "A dispute",
  charge: "A payment or refund",
  invoice: "An invoice payment",
  checkout_session: "A checkout payment",
};

/**
 * A verified event about money (a dispute, refund, failed or succeeded payment) that no
 * customer can be tied to becomes an open exception with the reason and the fix — never a
 * silent "ignored": a fraud dispute must reach a person. One exception per ledger event.
 * Idempotent: safe to run any number of times for the same event.
 */
export async function raiseUnlinkedMoneyEvent(
  tx: Tx,
  ledgerEventId: string,
  correlationId: string,
  facts: EventFacts,
  truth: StripeTruth,
): Promise<string> {
  const kind = facts.ref?.kind ?? "charge";
  const what = WHAT[kind] ?? "A money event";
  const object = facts.ref ? ` (${facts.ref.id})` : "";
  const detail =
    truth.mode === "payload"
      ? `${what}${object} arrived from Stripe, but it names no customer and no Stripe API key is configured to look one up. Set STRIPE_SECRET_KEY, then retry this exception.`
      : `${what}${object} arrived from Stripe, but Stripe ties it to no customer we know (a guest payment, or a customer created outside this business's flow). Find the person, make sure they exist here with their Stripe customer id, then retry this exception.`;
  const row = await tx.exceptionRecord.upsert({
    where: { kind_ledgerEventId: { kind: UNLINKED_MONEY_EVENT, ledgerEventId } },
    create: {
      kind: UNLINKED_MONEY_EVENT,
      ledgerEventId,
      correlationId,
      title: `${what} from Stripe could not be tied to a customer`,
      detail,
    },
    update: { status: "open", detail, resolvedAt: null },
    select: { id: true },
  });
  return row.id;
}

/**
 * Closes the unlinked-money exception of a ledger event once a retry tied it to a customer.
 * Idempotent: safe to run any number of times for the same event.
 */
export async function resolveUnlinkedMoneyEvent(
  tx: Tx,
  ledgerEventId: string,
  customerId: string,
): Promise<void> {
  await tx.exceptionRecord.updateMany({
    where: { kind: UNLINKED_MONEY_EVENT, ledgerEventId, status: "open" },
    data: {
      status: "resolved",
      customerId,
      resolvedAt: new Date(),
      resolutionNote: "A retry tied the event to this customer.",
    },
  });
}
