"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import type { ActionState, FormAction } from "@/lib/actions/action-state";

const input = "w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** Invite = create the user with a role; the invite-only magic-link sign-in then accepts them. */
export function InviteForm({ invite }: { invite: FormAction }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(invite, null);
  return (
    <form
      action={action}
      aria-labelledby="invite-title"
      className="grid gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-4"
    >
      <h3 id="invite-title" className="text-sm font-semibold sm:col-span-4">
        Invite a person
      </h3>
      <div className="sm:col-span-2">
        <label htmlFor="invite-email" className="text-xs text-slate-600">
          Email
        </label>
        <input id="invite-email" name="email" type="email" required className={input} />
      </div>
      <div>
        <label htmlFor="invite-role" className="text-xs text-slate-600">
          Role
        </label>
        <select id="invite-role" name="role" defaultValue="staff" className={input}>
          <option value="staff">staff</option>
          <option value="admin">admin</option>
          <option value="founder">founder</option>
        </select>
      </div>
      <div className="flex items-end">
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-indigo-600 px-3 py-1.5 text-sm text-white disabled:opacity-60"
        >
          Invite
        </button>
      </div>
      <div className="sm:col-span-4">
        <FormMessage state={state} />
      </div>
    </form>
  );
}
