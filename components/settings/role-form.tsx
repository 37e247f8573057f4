"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import type { ActionState, FormAction } from "@/lib/actions/action-state";
import { controlClass } from "@/components/ui/field";

/** Change one user's role; the server refuses to demote the last founder. */
export function RoleForm({
  userId,
  email,
  role,
  changeRole,
}: {
  userId: string;
  email: string;
  role: string;
  changeRole: FormAction;
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(changeRole, null);
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
        className={`${controlClass} w-auto! py-1!`}
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
