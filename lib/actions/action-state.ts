/** What a form's server action answers (shown next to the form by useActionState). */
export type ActionState = {
  ok: boolean;
  message: string;
  token?: string;
  /** Form fields that take the action back (sent to the page's undo action), if it can be. */
  undo?: Record<string, string>;
} | null;

/** Every server action has this one signature, so any form can take any action as a prop. */
export type FormAction = (prev: ActionState, form: FormData) => Promise<ActionState>;

/**
 * For a plain `<form action>` that shows no message (the page re-renders with the result):
 * the same server action bound to no previous state. React ignores a form action's answer.
 */
export function plainFormAction(action: FormAction): (form: FormData) => Promise<void> {
  return action.bind(null, null) as unknown as (form: FormData) => Promise<void>;
}
