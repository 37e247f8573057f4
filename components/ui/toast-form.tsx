"use client";

import { useState, useTransition } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toast";
import type { FormAction } from "@/lib/actions/action-state";

export type Confirmation = {
  title: string;
  body: React.ReactNode;
  confirmLabel: string;
  tone?: ButtonVariant;
};

/**
 * A form bound to a server action whose outcome appears as a toast (with Undo when the
 * action answers `undo` and an `undoAction` is given). With `confirm`, submitting first asks
 * in a modal dialog built from the form's values (money: amount and customer).
 * The action checks the permission on the server; this only renders the form.
 */
export function ToastForm({
  action,
  undoAction,
  hidden = {},
  label,
  variant = "secondary",
  confirm,
  children,
  className = "",
  testId,
}: {
  action: FormAction;
  undoAction?: FormAction;
  hidden?: Record<string, string>;
  label: string;
  variant?: ButtonVariant;
  confirm?: (form: FormData) => Confirmation;
  children?: React.ReactNode;
  className?: string;
  testId?: string;
}) {
  // Each success bumps `round`, which remounts the fields: typed values clear, while choices
  // held in the parent's state stay as they are (a form reset would desync controlled radios).
  const [round, setRound] = useState(0);
  const [pending, startTransition] = useTransition();
  const [asking, setAsking] = useState<{ form: FormData; c: Confirmation } | null>(null);
  // The outcome is handled after the await, not in an effect: an action often removes the
  // very row its form sits in (a revoked override), unmounting it before any effect runs.
  const run = (form: FormData) =>
    startTransition(async () => {
      const state = await action(null, form);
      if (!state) return;
      const undoFields = state.undo;
      toast({
        ok: state.ok,
        message: state.message,
        undo:
          undoAction && undoFields
            ? async () => {
                const f = new FormData();
                for (const [k, v] of Object.entries(undoFields)) f.set(k, v);
                const r = await undoAction(null, f);
                if (r) toast({ ok: r.ok, message: r.message });
              }
            : undefined,
      });
      if (state.ok) setRound((n) => n + 1);
    });

  return (
    <form
      className={`space-y-2 ${className}`}
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        if (confirm) setAsking({ form, c: confirm(form) });
        else run(form);
      }}
    >
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div key={round} className="space-y-2">
        {children}
      </div>
      <Button type="submit" variant={variant} disabled={pending}>
        {pending ? "Working…" : label}
      </Button>
      {asking && (
        <ConfirmDialog
          open
          title={asking.c.title}
          confirmLabel={asking.c.confirmLabel}
          tone={asking.c.tone}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            const form = asking.form;
            setAsking(null);
            run(form);
          }}
        >
          {asking.c.body}
        </ConfirmDialog>
      )}
    </form>
  );
}
