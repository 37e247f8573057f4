"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { buttonClass } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions/action-state";

function Submit({ label, tone }: { label: string; tone: "primary" | "secondary" }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} className={buttonClass({ variant: tone })}>
      {pending ? "Working…" : label}
    </button>
  );
}

/**
 * A form bound to a server action, showing the action's result message. The action itself
 * checks the permission on the server; this only renders the form.
 */
export function ActionForm({
  action,
  hidden,
  label,
  tone = "secondary",
  children,
  className = "",
  testId,
}: {
  action: FormAction;
  hidden: Record<string, string>;
  label: string;
  tone?: "primary" | "secondary";
  children?: React.ReactNode;
  className?: string;
  testId?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className={`space-y-2 ${className}`} data-testid={testId}>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {children}
      <div className="flex flex-wrap items-center gap-2">
        <Submit label={label} tone={tone} />
        {state && (
          <span
            role="status"
            className={`text-sm ${state.ok ? "text-emerald-700" : "text-red-700"}`}
          >
            {state.message}
          </span>
        )}
      </div>
    </form>
  );
}
