import { ActionForm } from "@/components/ui/action-form";
import type { FormAction } from "@/lib/actions/action-state";
import type { LaunchSettingsView } from "@/lib/launch/settings";

const input = "w-full rounded border border-slate-300 px-2 py-1 text-sm text-slate-900";

function Field(props: {
  name: string;
  label: string;
  value: string;
  placeholder: string;
  disabled: boolean;
}) {
  return (
    <label className="flex flex-col gap-0.5 text-xs text-slate-600">
      {props.label}
      <input
        name={props.name}
        defaultValue={props.value}
        placeholder={props.placeholder}
        disabled={props.disabled}
        className={input}
      />
    </label>
  );
}

/** What the checks look at: domains, the production URL and DKIM selectors. */
export function LaunchSettingsForm({
  settings,
  save,
}: {
  settings: LaunchSettingsView;
  save: FormAction | null;
}) {
  const disabled = !save;
  const fields = (
    <div className="grid gap-2 sm:grid-cols-2">
      <Field
        name="productionDomain"
        label="Production site domain"
        value={settings.productionDomain ?? ""}
        placeholder="example.com"
        disabled={disabled}
      />
      <Field
        name="apiDomain"
        label="App API domain"
        value={settings.apiDomain ?? ""}
        placeholder="api.example.com"
        disabled={disabled}
      />
      <Field
        name="dashboardDomain"
        label="This dashboard's domain"
        value={settings.dashboardDomain ?? ""}
        placeholder="ops.example.com"
        disabled={disabled}
      />
      <Field
        name="productionUrl"
        label="Production URL"
        value={settings.productionUrl ?? ""}
        placeholder="https://example.com/"
        disabled={disabled}
      />
      <Field
        name="dkimSelectors"
        label="DKIM selectors (comma-separated)"
        value={settings.dkimSelectors.join(", ")}
        placeholder="s1, google"
        disabled={disabled}
      />
    </div>
  );
  if (!save) return <div data-testid="launch-settings">{fields}</div>;
  return (
    <ActionForm action={save} hidden={{}} label="Save" tone="primary" testId="launch-settings">
      {fields}
    </ActionForm>
  );
}
