"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/auth/guard";
import { checkDrift } from "@/lib/reconcile/check-drift";
import { importStripeCustomers } from "@/lib/reconcile/import-stripe-customers";
import { db } from "@/lib/db";
import { log } from "@/lib/log";

// Both jobs save progress as they go, so they run in the background and the page shows it.

/** Server action: start or resume the Stripe import (founder). */
export const startStripeImportAction = authorizedAction("billing.sync", async (actor) => {
  log.info({ actorId: actor.id }, "stripe import requested");
  void importStripeCustomers(db).catch((e) =>
    log.error({ err: String(e) }, "stripe import failed"),
  );
  revalidatePath("/settings/billing-sync");
});

/** Server action: compare billing with Stripe now and repair differences (founder). */
export const runDriftCheckAction = authorizedAction("billing.sync", async (actor) => {
  log.info({ actorId: actor.id }, "drift check requested");
  void checkDrift(db, { actor: actor.email }).catch((e) =>
    log.error({ err: String(e) }, "drift check failed"),
  );
  revalidatePath("/settings/billing-sync");
});
