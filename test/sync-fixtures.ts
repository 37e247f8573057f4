import { randomUUID } from "node:crypto";
import type {
  CustomerSnapshot,
  SyncAction,
  SyncPayloads,
  SyncTaskInput,
} from "@/lib/integrations/connector/types";

/** A customer as connectors see it; active and paying unless overridden. */
export function customerSnapshot(overrides: Partial<CustomerSnapshot> = {}): CustomerSnapshot {
  const id = overrides.id ?? `cus_${randomUUID().slice(0, 8)}`;
  return {
    id,
    email: `${id}@example.com`,
    emailClaimed: false,
    name: "Ada Lovelace",
    stripeCustomerId: `cus_stripe_${id}`,
    crmContactId: null,
    supportUserId: null,
    appUserId: `app_${id}`,
    billingStatus: "active",
    accessStatus: "active",
    accessReasons: [],
    plan: "Pro",
    dashboardUrl: `http://localhost:3000/customers/${id}`,
    recentEvents: [
      { type: "invoice.paid", at: "2026-11-20T10:00:00.000Z" },
      { type: "checkout.session.completed", at: "2026-11-20T09:59:00.000Z" },
    ],
    ...overrides,
  };
}

/** A past-due customer whose invoice `invoiceId` failed. */
export function pastDueCustomer(
  invoiceId = "in_test_1",
  overrides: Partial<CustomerSnapshot> = {},
): CustomerSnapshot {
  return customerSnapshot({
    billingStatus: "past_due",
    accessStatus: "past_due",
    accessReasons: [
      {
        code: "payment_failed",
        message: `Payment failed on invoice ${invoiceId} (49.00 EUR) on 20 Nov; Stripe retries on 23 Nov.`,
        since: "2026-11-20T10:00:00.000Z",
        nextAction: "Wait for the retry, or send the customer a payment link.",
        customerMessage:
          "Your payment (49.00 EUR) was declined on 20 Nov. We will try again on 23 Nov. Your access continues until 23 Nov.",
        customerNextAction: "Update your payment method.",
      },
    ],
    recentEvents: [
      { type: "invoice.payment_failed", at: "2026-11-20T10:00:00.000Z" },
      { type: "invoice.paid", at: "2026-10-20T10:00:00.000Z" },
    ],
    ...overrides,
  });
}

export function syncTask<A extends SyncAction>(
  action: A,
  payload: SyncPayloads[A],
  overrides: Partial<SyncTaskInput<A>> = {},
): SyncTaskInput<A> {
  return {
    id: `task_${randomUUID()}`,
    action,
    idempotencyKey: `${action}:${randomUUID()}`,
    payload,
    correlationId: `corr_${randomUUID().slice(0, 8)}`,
    attempt: 1,
    ...overrides,
  };
}

/** A signal that aborts after `ms` (what the runner passes to every connector call). */
export function timeout(ms = 2000): AbortSignal {
  return AbortSignal.timeout(ms);
}
