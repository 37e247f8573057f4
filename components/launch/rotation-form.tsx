import { ActionForm } from "@/components/ui/action-form";
import type { FormAction } from "@/lib/actions/action-state";

const input = "w-full rounded border border-slate-300 px-2 py-1 text-sm text-slate-900 sm:w-auto";

/** An admin records the day a secret was rotated (never its value). */
export function RotationForm({ names, record }: { names: string[]; record: FormAction }) {
  return (
    <ActionForm action={record} hidden={{}} label="Record rotation" testId="rotation-form">
      <div className="flex flex-wrap gap-2">
        <label className="flex w-full flex-col text-xs text-slate-600 sm:w-auto">
          Secret
          <select name="name" className={input} required>
            {names.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <label className="flex w-full flex-col text-xs text-slate-600 sm:w-auto">
          Rotated on
          <input name="rotatedAt" type="date" required className={input} />
        </label>
        <label className="flex w-full flex-col text-xs text-slate-600 sm:w-auto">
          Owner (optional)
          <input name="owner" placeholder="Dana (CTO)" className={input} />
        </label>
      </div>
    </ActionForm>
  );
}
