"use client";

import { useActionState } from "react";
import { changeUserRoleAction } from "@/app/actions/settings";
import type { ActionState } from "@/components/ui/action-state";
import { FormMessage } from "@/components/ui/form-message";

/** Change one user's role; the server refuses to demote the last founder. */
export function RoleForm({ userId, email, role }: { userId: string; email: string; role: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(
    changeUserRoleAction,
    null,
  );
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label htmlFor={`role-${userId}`} className="sr-only">
        Role of {email}
      </label>
      <select
        id={`role-${userId}`}
        name="role"
        defaultValue={role}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-sm"
      >
        <option value="staff">staff</option>
        <option value="admin">admin</option>
        <option value="founder">founder</option>
      </select>
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50 disabled:opacity-60"
      >
        Save
      </button>
      <FormMessage state={state} />
    </form>
  );
}
