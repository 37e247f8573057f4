"use client";

import { useActionState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { FormMessage } from "@/components/ui/form-message";
import type { ActionState, FormAction } from "@/lib/actions/action-state";
import { controlClass } from "@/components/ui/field";

/** Creates a token and shows it this once (it is stored only as a hash). */
export function CreateTokenForm({ create }: { create: FormAction }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(create, null);
  return (
    <div className="space-y-2">
      <form action={action} aria-label="Create an API token" className="flex flex-wrap gap-2">
        <label htmlFor="token-name" className="sr-only">
          Token name
        </label>
        <input
          id="token-name"
          name="name"
          required
          minLength={2}
          maxLength={80}
          placeholder="Name, e.g. Mobile app"
          className={`${controlClass} min-w-0 flex-1`}
        />
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-indigo-600 px-3 py-1.5 text-sm text-white disabled:opacity-60"
        >
          Create token
        </button>
      </form>
      <FormMessage state={state} />
      {state?.token && (
        <div className="rounded border border-amber-300 bg-amber-50 p-2">
          <label htmlFor="new-token" className="text-xs font-medium text-amber-900">
            New token (shown once)
          </label>
          <div className="flex items-center gap-2">
            <input
              id="new-token"
              readOnly
              value={state.token}
              data-testid="new-token"
              onFocus={(e) => e.currentTarget.select()}
              className="w-full min-w-0 rounded border border-amber-300 bg-white px-2 py-1 font-mono text-xs"
            />
            <CopyButton text={state.token} label="Copy token" />
          </div>
        </div>
      )}
    </div>
  );
}

export function RevokeTokenButton({
  tokenId,
  name,
  revoke,
}: {
  tokenId: string;
  name: string;
  revoke: FormAction;
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(revoke, null);
  return (
    <form action={action} className="inline-flex items-center gap-2">
      <input type="hidden" name="tokenId" value={tokenId} />
      <button
        type="submit"
        disabled={pending}
        aria-label={`Revoke ${name}`}
        className="rounded border border-red-300 px-2 py-0.5 text-xs text-red-800 hover:bg-red-50 disabled:opacity-60"
      >
        Revoke
      </button>
      {state && !state.ok && <span className="text-xs text-red-700">{state.message}</span>}
    </form>
  );
}
