"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import type { ActionState, FormAction } from "@/lib/actions/action-state";

/**
 * Disable (offboard) or re-enable one user. Disabling asks first: it signs them out
 * everywhere at once. The server refuses the last active founder and yourself.
 */
export function UserAccessForm({
  userId,
  email,
  disabled,
  disable,
  enable,
}: {
  userId: string;
  email: string;
  disabled: boolean;
  disable: FormAction;
  enable: FormAction;
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(
    disabled ? enable : disable,
    null,
  );
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!disabled && !window.confirm(`Disable ${email}? They are signed out everywhere now.`))
          e.preventDefault();
      }}
      className="flex flex-wrap items-center gap-2"
    >
      <input type="hidden" name="userId" value={userId} />
      <button
        type="submit"
        disabled={pending}
        aria-label={`${disabled ? "Enable" : "Disable"} ${email}`}
        className={
          disabled
            ? "rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50 disabled:opacity-60"
            : "rounded border border-red-300 px-2 py-1 text-sm text-red-800 hover:bg-red-50 disabled:opacity-60"
        }
      >
        {disabled ? "Enable" : "Disable"}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
