"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/guard";
import { addCustomerNote } from "@/lib/customers/add-customer-note";
import { db } from "@/lib/db";
import { assignException } from "@/lib/exceptions/assign-exception";
import { resolveException } from "@/lib/exceptions/resolve-exception";
import { retryException } from "@/lib/exceptions/retry-exception";
import { dispatch } from "@/lib/jobs/dispatch";
import { replayLedgerEvent } from "@/lib/ledger/replay-ledger-event";

/** What a form shows after an action: a message, and whether it worked. */
export type ActionState = { ok: boolean; message: string } | null;

const id = z.string().min(1).max(64);
const fail = (e: unknown): ActionState => ({
  ok: false,
  message: e instanceof z.ZodError ? "Please check the form" : "Something went wrong",
});

/** Server action: add an internal note to a customer (note.write). */
export const addNoteAction = authorizedAction(
  "note.write",
  async (actor, _prev: ActionState, form: FormData): Promise<ActionState> => {
    const input = z
      .object({ customerId: id, body: z.string().trim().min(1).max(5000) })
      .safeParse({ customerId: form.get("customerId"), body: form.get("body") });
    if (!input.success)
      return { ok: false, message: "Write a note first (up to 5,000 characters)" };
    const r = await addCustomerNote(db, input.data.customerId, input.data.body, actor);
    revalidatePath(`/customers/${input.data.customerId}`);
    return r.ok ? { ok: true, message: "Note added" } : { ok: false, message: r.error };
  },
);

/** Server action: replay a ledger event (ledger.replay, admin and founder). */
export const replayLedgerEventAction = authorizedAction(
  "ledger.replay",
  async (actor, _prev: ActionState, form: FormData): Promise<ActionState> => {
    try {
      const ledgerEventId = id.parse(form.get("ledgerEventId"));
      const r = await replayLedgerEvent(db, ledgerEventId, actor, dispatch);
      revalidatePath("/ledger");
      return r.ok
        ? { ok: true, message: `Replay started (was ${r.previousStatus})` }
        : { ok: false, message: r.error };
    } catch (e) {
      return fail(e);
    }
  },
);

/** Server action: retry the dead sync task behind an exception (exception.retry). */
export const retryExceptionAction = authorizedAction(
  "exception.retry",
  async (actor, _prev: ActionState, form: FormData): Promise<ActionState> => {
    try {
      const r = await retryException(db, id.parse(form.get("exceptionId")), actor, dispatch);
      revalidatePath("/exceptions");
      return r.ok ? { ok: true, message: "Retry queued" } : { ok: false, message: r.error };
    } catch (e) {
      return fail(e);
    }
  },
);

/** Server action: resolve an exception with a note (exception.resolve). */
export const resolveExceptionAction = authorizedAction(
  "exception.resolve",
  async (actor, _prev: ActionState, form: FormData): Promise<ActionState> => {
    const input = z
      .object({ exceptionId: id, note: z.string().trim().min(1).max(2000) })
      .safeParse({ exceptionId: form.get("exceptionId"), note: form.get("note") });
    if (!input.success) return { ok: false, message: "A resolution note is required" };
    const r = await resolveException(db, input.data.exceptionId, input.data.note, actor);
    revalidatePath("/exceptions");
    return r.ok ? { ok: true, message: "Resolved" } : { ok: false, message: r.error };
  },
);

/**
 * Server action: assign an exception to a person. Assigning is part of working the queue,
 * so it needs the same permission as resolving (exception.resolve); the matrix has no
 * separate "assign" action.
 */
export const assignExceptionAction = authorizedAction(
  "exception.resolve",
  async (actor, _prev: ActionState, form: FormData): Promise<ActionState> => {
    try {
      const exceptionId = id.parse(form.get("exceptionId"));
      const raw = form.get("assigneeId");
      const assigneeId = raw ? id.parse(raw) : null;
      const r = await assignException(db, exceptionId, assigneeId, actor);
      revalidatePath("/exceptions");
      return r.ok
        ? { ok: true, message: assigneeId ? "Assigned" : "Unassigned" }
        : { ok: false, message: r.error };
    } catch (e) {
      return fail(e);
    }
  },
);
