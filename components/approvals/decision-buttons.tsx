"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { toast } from "@/components/ui/toast";
import type { ActionState, FormAction } from "@/lib/actions/action-state";

/**
 * Approve or reject; both buttons are disabled while the decision runs (no double submit).
 * The outcome shows as a toast, and the decided request stays on the page (`?decided=`)
 * even when the list is filtered to pending ones.
 */
export function DecisionButtons({
  approvalId,
  decide,
}: {
  approvalId: string;
  decide: FormAction;
}) {
  const [state, setState] = useState<ActionState>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const path = usePathname();
  const params = useSearchParams();
  // The outcome is handled after the await, not in an effect: the decision re-renders the
  // list, and a request leaving a "pending" view unmounts this component before any effect.
  const decideHere = (form: FormData) =>
    startTransition(async () => {
      const r = await decide(null, form);
      setState(r);
      if (r) toast({ ok: r.ok, message: r.message });
      const next = new URLSearchParams(params.toString());
      const decided = new Set((next.get("decided") ?? "").split(",").filter(Boolean));
      decided.add(approvalId);
      next.set("decided", [...decided].slice(-10).join(","));
      router.replace(`${path}?${next.toString()}`, { scroll: false });
    });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const submitter = (e.nativeEvent as SubmitEvent).submitter;
        const form = new FormData(e.currentTarget, submitter);
        decideHere(form);
      }}
      className="flex flex-wrap items-center gap-2"
    >
      <input type="hidden" name="approvalId" value={approvalId} />
      <label className="sr-only" htmlFor={`note-${approvalId}`}>
        Decision note
      </label>
      <Input
        id={`note-${approvalId}`}
        name="note"
        placeholder="Note (optional)"
        className="max-w-40"
      />
      <Button
        type="submit"
        name="decision"
        value="approve"
        variant="primary"
        size="sm"
        disabled={pending}
      >
        Approve
      </Button>
      <Button
        type="submit"
        name="decision"
        value="reject"
        variant="danger"
        size="sm"
        disabled={pending}
      >
        Reject
      </Button>
      {pending && <span className="text-sm text-slate-600">Working…</span>}
      <FormMessage state={state} />
    </form>
  );
}
