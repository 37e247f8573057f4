import { ActionForm } from "@/components/ui/action-form";
import type { FormAction } from "@/lib/actions/action-state";
import { controlClass } from "@/components/ui/field";

const control = controlClass;

/**
 * The two answers to an identity conflict, where it is read (the exceptions queue and both
 * customers' pages): merge the records into one, or keep them apart with a note.
 */
export function IdentityConflictActions({
  exceptionId,
  from,
  merge,
  keepSeparate,
}: {
  exceptionId: string;
  merge: FormAction;
  keepSeparate: FormAction;
  /** On a customer page the merged-away record disappears: the action goes to the survivor. */
  from?: "customer";
}) {
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <ActionForm
        action={merge}
        hidden={{ exceptionId, ...(from && { from }) }}
        label="Merge into one customer"
        tone="primary"
        testId="merge-form"
      />
      <ActionForm
        action={keepSeparate}
        hidden={{ exceptionId }}
        label="Keep separate"
        testId="keep-separate-form"
      >
        <label className="block text-xs font-medium text-slate-700">
          Why (optional)
          <input name="note" maxLength={2000} className={control} />
        </label>
      </ActionForm>
    </div>
  );
}
