"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/auth/guard";
import { requestDriftCheck, requestStripeImport } from "@/lib/reconcile/request-sync-job";
import { db } from "@/lib/db";
import { log } from "@/lib/log";

// Both run as jobs (lib/jobs/registry.ts); their rows show queued → running → done on the page.

/** Server action: start or resume the Stripe import (founder). */
export const startStripeImportAction = authorizedAction("billing.sync", async (actor) => {
  log.info({ actorId: actor.id }, "stripe import requested");
  await requestStripeImport(db).catch((e) => log.error({ err: String(e) }, "stripe import failed"));
  revalidatePath("/settings/billing-sync");
});

/** Server action: compare billing with Stripe now and repair differences (founder). */
export const runDriftCheckAction = authorizedAction("billing.sync", async (actor) => {
  log.info({ actorId: actor.id }, "drift check requested");
  await requestDriftCheck(db, actor.email).catch((e) =>
    log.error({ err: String(e) }, "drift check failed"),
  );
  revalidatePath("/settings/billing-sync");
});
