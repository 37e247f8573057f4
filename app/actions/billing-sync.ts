"use server";

import { z } from "zod";
import { defineAction } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { requestDriftCheck, requestStripeImport } from "@/lib/jobs/request-billing-sync";

// Both run as jobs (lib/jobs/registry.ts); their rows show queued → running → done on the page.

/** Server action: start or resume the Stripe import (founder). */
export const startStripeImportAction = defineAction({
  permission: "billing.sync",
  schema: z.object({}),
  revalidate: ["/settings/billing-sync"],
  run: async (_input, actor) => {
    log.info({ actorId: actor.id }, "stripe import requested");
    await requestStripeImport(db, actor.email).catch((e) =>
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
    await requestDriftCheck(db, actor.email).catch((e) =>
      log.error({ err: String(e) }, "drift check failed"),
    );
    return { ok: true, message: "Drift check started" };
  },
});
