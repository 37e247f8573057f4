"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { dispatch } from "@/lib/jobs/dispatch";
import { retryLedgerEvent } from "@/lib/ledger/retry-ledger-event";
import { log } from "@/lib/log";

const ZInput = z.object({ ledgerEventId: z.string().min(1).max(64) });

/** Server action: retry a failed ledger event (admin, founder). */
export const retryLedgerEventAction = authorizedAction(
  "ledger.retry",
  async (actor, formData: FormData) => {
    const input = ZInput.parse({ ledgerEventId: formData.get("ledgerEventId") });
    const result = await retryLedgerEvent(db, input.ledgerEventId, dispatch);
    log.info(
      { actorId: actor.id, ledgerEventId: input.ledgerEventId, ok: result.ok },
      "ledger event retry requested",
    );
    revalidatePath("/");
    return result;
  },
);
