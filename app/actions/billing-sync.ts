"use server";

import { z } from "zod";
import { defineAction } from "@/lib/auth/guard";
import { checkDrift } from "@/lib/reconcile/check-drift";
import { importStripeCustomers } from "@/lib/reconcile/import-stripe-customers";
import { db } from "@/lib/db";
import { log } from "@/lib/log";

// Both jobs save progress as they go, so they run in the background and the page shows it.

/** Server action: start or resume the Stripe import (founder). */
export const startStripeImportAction = defineAction({
  permission: "billing.sync",
  schema: z.object({}),
  revalidate: ["/settings/billing-sync"],
  run: async (_input, actor) => {
    log.info({ actorId: actor.id }, "stripe import requested");
    void importStripeCustomers(db).catch((e) =>
      log.error({ err: String(e) }, "stripe import failed"),
    );
    return { ok: true, message: "Import started" };
  },
});

/** Server action: compare billing with Stripe now and repair differences (founder). */
export const runDriftCheckAction = defineAction({
  permission: "billing.sync",
  schema: z.object({}),
  revalidate: ["/settings/billing-sync"],
  run: async (_input, actor) => {
    log.info({ actorId: actor.id }, "drift check requested");
    void checkDrift(db, { actor: actor.email }).catch((e) =>
      log.error({ err: String(e) }, "drift check failed"),
    );
    return { ok: true, message: "Drift check started" };
  },
});
