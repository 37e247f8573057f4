/** What a form's server action answers (shown next to the form by useActionState). */
export type ActionState = { ok: boolean; message: string; token?: string } | null;
