"use server";

import { z } from "zod";
import { defineAction } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { dispatch } from "@/lib/jobs/dispatch";
import { retryLedgerEvent } from "@/lib/ledger/retry-ledger-event";
import { log } from "@/lib/log";

/** Server action: retry a failed ledger event (admin, founder). */
export const retryLedgerEventAction = defineAction({
  permission: "ledger.retry",
  schema: z.object({ ledgerEventId: z.string().min(1).max(64) }),
  revalidate: ["/"],
  run: async ({ ledgerEventId }, actor) => {
    const result = await retryLedgerEvent(db, ledgerEventId, actor, dispatch);
    log.info({ actorId: actor.id, ledgerEventId, ok: result.ok }, "ledger event retry requested");
    return result.ok ? { ok: true, message: "Retry queued" } : { ok: false, message: result.error };
  },
});
