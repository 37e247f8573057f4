"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import type { ActionState, FormAction } from "@/lib/actions/action-state";

/** Approve or reject; both buttons are disabled while the decision runs (no double submit). */
export function DecisionButtons({
  approvalId,
  decide,
}: {
  approvalId: string;
  decide: FormAction;
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(decide, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="approvalId" value={approvalId} />
      <label className="sr-only" htmlFor={`note-${approvalId}`}>
        Decision note
      </label>
      <input
        id={`note-${approvalId}`}
        name="note"
        placeholder="Note (optional)"
        className="w-36 rounded border border-slate-300 px-2 py-1 text-sm"
      />
      <button
        type="submit"
        name="decision"
        value="approve"
        disabled={pending}
        className="rounded bg-emerald-700 px-2.5 py-1 text-sm text-white hover:bg-emerald-800 disabled:opacity-60"
      >
        Approve
      </button>
      <button
        type="submit"
        name="decision"
        value="reject"
        disabled={pending}
        className="rounded border border-red-300 px-2.5 py-1 text-sm text-red-800 hover:bg-red-50 disabled:opacity-60"
      >
        Reject
      </button>
      {pending && <span className="text-sm text-slate-600">Working…</span>}
      <FormMessage state={state} />
    </form>
  );
}
