"use server";

import { z } from "zod";
import { defineAction } from "@/lib/auth/guard";
import { addCustomerNote } from "@/lib/customers/add-customer-note";
import { db } from "@/lib/db";
import { assignException } from "@/lib/exceptions/assign-exception";
import { resolveException } from "@/lib/exceptions/resolve-exception";
import { retryException } from "@/lib/exceptions/retry-exception";
import { dispatch } from "@/lib/jobs/dispatch";
import { replayLedgerEvent } from "@/lib/ledger/replay-ledger-event";

const id = z.string().min(1).max(64);

/** Server action: add an internal note to a customer (note.write). */
export const addNoteAction = defineAction({
  permission: "note.write",
  schema: z.object({ customerId: id, body: z.string().trim().min(1).max(5000) }),
  invalid: "Write a note first (up to 5,000 characters)",
  revalidate: ({ customerId }) => [`/customers/${customerId}`],
  run: async ({ customerId, body }, actor) => {
    const r = await addCustomerNote(db, customerId, body, actor);
    return r.ok ? { ok: true, message: "Note added" } : { ok: false, message: r.error };
  },
});

/** Server action: replay a ledger event (ledger.replay, admin and founder). */
export const replayLedgerEventAction = defineAction({
  permission: "ledger.replay",
  schema: z.object({ ledgerEventId: id }),
  invalid: "Please check the form",
  revalidate: ["/ledger"],
  run: async ({ ledgerEventId }, actor) => {
    const r = await replayLedgerEvent(db, ledgerEventId, actor, dispatch);
    return r.ok
      ? { ok: true, message: `Replay started (was ${r.previousStatus})` }
      : { ok: false, message: r.error };
  },
});

/** Server action: retry the dead sync task behind an exception (exception.retry). */
export const retryExceptionAction = defineAction({
  permission: "exception.retry",
  schema: z.object({ exceptionId: id }),
  invalid: "Please check the form",
  revalidate: ["/exceptions"],
  run: async ({ exceptionId }, actor) => {
    const r = await retryException(db, exceptionId, actor, dispatch);
    return r.ok ? { ok: true, message: "Retry queued" } : { ok: false, message: r.error };
  },
});

/** Server action: resolve an exception with a note (exception.resolve). */
export const resolveExceptionAction = defineAction({
  permission: "exception.resolve",
  schema: z.object({ exceptionId: id, note: z.string().trim().min(1).max(2000) }),
  invalid: "A resolution note is required",
  revalidate: ["/exceptions"],
  run: async ({ exceptionId, note }, actor) => {
    const r = await resolveException(db, exceptionId, note, actor);
    return r.ok ? { ok: true, message: "Resolved" } : { ok: false, message: r.error };
  },
});

/**
 * Server action: assign an exception to a person. Assigning is part of working the queue,
 * so it needs the same permission as resolving (exception.resolve); the matrix has no
 * separate "assign" action.
 */
export const assignExceptionAction = defineAction({
  permission: "exception.resolve",
  schema: z.object({
    exceptionId: id,
    // An empty choice unassigns.
    assigneeId: z
      .union([z.literal(""), id])
      .optional()
      .transform((v) => v || null),
  }),
  invalid: "Please check the form",
  revalidate: ["/exceptions"],
  run: async ({ exceptionId, assigneeId }, actor) => {
    const r = await assignException(db, exceptionId, assigneeId, actor);
    return r.ok
      ? { ok: true, message: assigneeId ? "Assigned" : "Unassigned" }
      : { ok: false, message: r.error };
  },
});
