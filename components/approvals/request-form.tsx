"use client";

import { startTransition, useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { ActionState, FormAction } from "@/lib/actions/action-state";

type Target = { value: string; label: string };
type Props = {
  customerId: string;
  refundTargets: Target[];
  subscriptions: { id: string; label: string }[];
  request: FormAction;
};

const input = controlClass;
const label = "block text-sm font-medium text-slate-700";

/**
 * Staff ask for a refund, a plan change or an access grant/block; an admin decides.
 * Submitted through a transition rather than `<form action>`: React resets a form after an
 * action, which put the radios back on "Refund" while the chosen kind's fields stayed. After
 * a success the fields are cleared by remounting them, and the chosen kind stays chosen.
 */
export function RequestForm({ customerId, refundTargets, subscriptions, request }: Props) {
  const [kind, setKind] = useState<"refund" | "plan_change" | "access_override">("refund");
  // Each success bumps `round`, which remounts the fields below the radios: they clear.
  const [{ state, round }, action, pending] = useActionState<
    { state: ActionState; round: number },
    FormData
  >(
    async (prev, form) => {
      const next = await request(prev.state, form);
      return { state: next, round: prev.round + (next?.ok ? 1 : 0) };
    },
    { state: null, round: 0 },
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        startTransition(() => action(form));
      }}
      className="space-y-3"
      aria-label="Request an approval"
    >
      <input type="hidden" name="customerId" value={customerId} />
      <fieldset className="flex flex-wrap gap-3 text-sm">
        <legend className={label}>What</legend>
        {(
          [
            ["refund", "Refund"],
            ["plan_change", "Plan change"],
            ["access_override", "Access grant / block"],
          ] as const
        ).map(([value, text]) => (
          <label key={value} className="flex items-center gap-1">
            <input
              type="radio"
              name="kind"
              value={value}
              checked={kind === value}
              onChange={() => setKind(value)}
            />
            {text}
          </label>
        ))}
      </fieldset>
      {/* Only the fields remount after a success (they clear); the radios above stay put. */}
      <div key={round} className="space-y-3">
        {kind === "refund" && (
          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <label htmlFor="refundTarget" className={label}>
                Charge or invoice
              </label>
              {refundTargets.length ? (
                <select id="refundTarget" name="refundTarget" className={input} required>
                  {refundTargets.map((t) => (
                    <option key={t.value} value={t.value}>
                      {t.label}
                    </option>
                  ))}
                </select>
              ) : (
                <p className="text-sm text-slate-600">No paid charge or invoice to refund.</p>
              )}
            </div>
            <div>
              <label htmlFor="amount" className={label}>
                Amount (e.g. 12.50)
              </label>
              <input
                id="amount"
                name="amount"
                type="number"
                min="0.01"
                step="0.01"
                inputMode="decimal"
                required
                className={input}
              />
            </div>
          </div>
        )}
        {kind === "plan_change" && (
          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <label htmlFor="stripeSubscriptionId" className={label}>
                Subscription
              </label>
              {subscriptions.length ? (
                <select
                  id="stripeSubscriptionId"
                  name="stripeSubscriptionId"
                  className={input}
                  required
                >
                  {subscriptions.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.label}
                    </option>
                  ))}
                </select>
              ) : (
                <p className="text-sm text-slate-600">This customer has no subscription.</p>
              )}
            </div>
            <div>
              <label htmlFor="priceId" className={label}>
                New Stripe price id
              </label>
              <input
                id="priceId"
                name="priceId"
                placeholder="price_…"
                pattern="price_[A-Za-z0-9_]+"
                required
                className={input}
              />
            </div>
          </div>
        )}
        {kind === "access_override" && (
          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <label htmlFor="overrideKind" className={label}>
                Grant or block
              </label>
              <select id="overrideKind" name="overrideKind" className={input}>
                <option value="grant">Grant access</option>
                <option value="block">Block access</option>
              </select>
            </div>
            <div>
              <label htmlFor="expiresAt" className={label}>
                Until (UTC; empty = until revoked)
              </label>
              <input id="expiresAt" name="expiresAt" type="datetime-local" className={input} />
            </div>
          </div>
        )}
        <div>
          <label htmlFor="reason" className={label}>
            Reason
          </label>
          <textarea id="reason" name="reason" required minLength={3} rows={2} className={input} />
        </div>
      </div>
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Sending…" : "Request approval"}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
