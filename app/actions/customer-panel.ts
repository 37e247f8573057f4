"use server";

import { z } from "zod";
import { overrideAccess } from "@/lib/approvals/override-access";
import { defineAction } from "@/lib/auth/guard";
import { resolveCustomerExceptions } from "@/lib/customers/resolve-customer-exceptions";
import { retryCustomerSync } from "@/lib/customers/retry-customer-sync";
import { revokeCustomerOverride } from "@/lib/customers/revoke-customer-override";
import { sendPaymentLink } from "@/lib/customers/send-payment-link";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { addDays } from "@/lib/format";
import { stripeClient } from "@/lib/integrations/stripe/client";
import { dispatchSyncTasks } from "@/lib/jobs/dispatch";

const id = z.string().min(1).max(64);
const customerPaths = ({ customerId }: { customerId: string }) => [`/customers/${customerId}`];
const SYSTEMS = { crm: "HubSpot", support: "Zendesk", email: "Email", app: "the app" } as const;

/** Server action: email the customer a link to pay their open invoice, once per invoice. */
export const sendPaymentLinkAction = defineAction({
  permission: "customer.payment_link",
  schema: z.object({ customerId: id }),
  invalid: "Please check the form",
  revalidate: customerPaths,
  run: async ({ customerId }, actor) => {
    const r = await sendPaymentLink(db, stripeClient(), customerId, actor, {
      returnUrl: env.PRODUCT_URL ?? env.NEXTAUTH_URL,
    });
    await dispatchSyncTasks(r.syncTasks);
    return r.sent
      ? { ok: true, message: `Payment link for invoice ${r.invoiceId} is on its way by email` }
      : { ok: true, message: `A payment link for invoice ${r.invoiceId} was already sent` };
  },
});

/**
 * Server action: grant or block access by hand (admin, founder), through the one override
 * policy: with four-eyes on (the default) it becomes a request another admin approves.
 */
export const grantOverrideAction = defineAction({
  permission: "customer.override",
  schema: z.object({
    customerId: id,
    kind: z.enum(["grant", "block"]),
    reason: z.string().trim().min(3).max(500),
    days: z.union([z.literal(""), z.coerce.number().int().min(1).max(365)]).optional(),
  }),
  invalid: "Choose grant or block and give a reason (3 characters or more)",
  revalidate: customerPaths,
  run: async ({ customerId, kind, reason, days }, actor) => {
    const exists = await db.customer.findUnique({
      where: { id: customerId },
      select: { id: true },
    });
    if (!exists) return { ok: false, message: "Customer not found" };
    const expiresAt = days ? addDays(new Date(), days) : null;
    const outcome = await overrideAccess(db, actor, {
      customerId,
      overrideKind: kind,
      reason,
      expiresAt,
    });
    if (outcome.status === "pending") {
      return {
        ok: true,
        message: "Request sent for approval: another admin decides it on the Approvals page",
      };
    }
    const d = outcome.decision;
    await dispatchSyncTasks(d.syncTasks);
    return {
      ok: true,
      message: `Access ${kind === "grant" ? "granted" : "blocked"} ${days ? `for ${days} days` : "until revoked"}; access is now ${d.status.replaceAll("_", " ")}`,
      undo: { customerId, overrideId: d.overrideId },
    };
  },
});

/** Server action: end an override of this customer now (admin, founder). */
export const revokeOverrideAction = defineAction({
  permission: "customer.override",
  schema: z.object({ customerId: id, overrideId: id }),
  invalid: "Please check the form",
  revalidate: customerPaths,
  run: async ({ customerId, overrideId }, actor) => {
    const d = await revokeCustomerOverride(db, customerId, overrideId, actor);
    await dispatchSyncTasks(d.syncTasks);
    return {
      ok: true,
      message: `Override revoked; access is now ${d.status.replaceAll("_", " ")}`,
    };
  },
});

/** Server action: retry this customer's failed sync to one system (exception.retry). */
export const retrySyncAction = defineAction({
  permission: "exception.retry",
  schema: z.object({ customerId: id, target: z.enum(["crm", "support", "email", "app"]) }),
  invalid: "Please check the form",
  revalidate: customerPaths,
  run: async ({ customerId, target }, actor) => {
    const tasks = await retryCustomerSync(db, customerId, target, actor);
    await dispatchSyncTasks(tasks);
    return { ok: true, message: `Retrying the sync to ${SYSTEMS[target]}` };
  },
});

/** Server action: resolve the customer's open exceptions with one note (exception.resolve). */
export const resolveCustomerExceptionsAction = defineAction({
  permission: "exception.resolve",
  schema: z.object({ customerId: id, note: z.string().trim().min(1).max(2000) }),
  invalid: "A resolution note is required",
  revalidate: (i) => [...customerPaths(i), "/exceptions"],
  run: async ({ customerId, note }, actor) => {
    const n = await resolveCustomerExceptions(db, customerId, note, actor);
    return { ok: true, message: n === 1 ? "1 exception resolved" : `${n} exceptions resolved` };
  },
});
