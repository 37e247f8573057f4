import type { ActionState } from "@/lib/actions/action-state";

/** The answer of a form's server action, announced to screen readers. */
export function FormMessage({ state }: { state: ActionState }) {
  return (
    <p
      role="status"
      aria-live="polite"
      className={`text-sm ${state?.ok ? "text-emerald-700" : "text-red-700"}`}
    >
      {state?.message}
    </p>
  );
}
