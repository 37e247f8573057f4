"use client";

import { useState } from "react";
import { Card } from "@/components/ui/card";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { ToastForm } from "@/components/ui/toast-form";
import type { FormAction } from "@/lib/actions/action-state";
import { formatMoney } from "@/lib/format";

export type PanelProps = {
  customer: { id: string; label: string; email: string | null };
  may: {
    paymentLink: boolean;
    override: boolean;
    request: boolean;
    retry: boolean;
    resolve: boolean;
    note: boolean;
  };
  openInvoice: { id: string; amount: number | null; currency: string | null; sent: boolean } | null;
  refundTargets: { value: string; label: string; max: number; currency: string | null }[];
  overrides: { id: string; kind: "grant" | "block"; until: string | null; reason: string }[];
  failedSystems: { target: string; name: string }[];
  openExceptions: number;
  /** Overrides need a second person's approval (OVERRIDES_REQUIRE_APPROVAL). */
  fourEyes: boolean;
  actions: {
    sendPaymentLink: FormAction;
    grantOverride: FormAction;
    revokeOverride: FormAction;
    request: FormAction;
    retrySync: FormAction;
    resolveExceptions: FormAction;
    addNote: FormAction;
  };
};

const sub = "space-y-2 border-t border-slate-100 pt-3 first:border-0 first:pt-0";
const h3 = "text-sm font-semibold text-slate-800";

/**
 * What a person can do about this customer, where they read the problem: payment link,
 * access override (grant now, request, revoke), refund request, sync retry, exceptions,
 * note. Each control shows only to roles allowed to use it; the server checks again.
 */
export function ActionPanel(p: PanelProps) {
  const { customer: c, may, actions: a } = p;
  const id = c.id;
  return (
    <Card id="actions" title="Actions" testId="action-panel">
      <div className="space-y-3">
        {may.paymentLink && (
          <div className={sub}>
            <h3 className={h3}>Payment link</h3>
            {p.openInvoice ? (
              <>
                <p className="text-sm text-slate-600">
                  Invoice {p.openInvoice.id} is open for{" "}
                  {formatMoney(p.openInvoice.amount, p.openInvoice.currency)}.
                  {p.openInvoice.sent && " A link was already sent."}
                </p>
                <ToastForm
                  action={a.sendPaymentLink}
                  hidden={{ customerId: id }}
                  label="Send payment link"
                  variant="primary"
                  confirm={() => ({
                    title: "Send a payment link?",
                    body: (
                      <p>
                        Email <strong>{c.label}</strong>
                        {c.email && ` (${c.email})`} a link to pay{" "}
                        <strong>
                          {formatMoney(p.openInvoice!.amount, p.openInvoice!.currency)}
                        </strong>{" "}
                        for invoice {p.openInvoice!.id}. It is sent once per invoice.
                      </p>
                    ),
                    confirmLabel: "Send link",
                  })}
                />
              </>
            ) : (
              <p className="text-sm text-slate-600">No open invoice: nothing to pay.</p>
            )}
          </div>
        )}

        {(may.override || may.request) && <OverrideSection {...p} />}

        {may.request && (
          <div className={sub}>
            <h3 className={h3}>Refund</h3>
            {p.refundTargets.length === 0 ? (
              <p className="text-sm text-slate-600">No paid charge or invoice to refund.</p>
            ) : (
              <ToastForm
                action={a.request}
                hidden={{ customerId: id, kind: "refund" }}
                label="Request refund"
                variant="danger"
                testId="refund-form"
                confirm={(f) => {
                  const t = p.refundTargets.find((x) => x.value === f.get("refundTarget"));
                  const cents = Math.round(Number(f.get("amount")) * 100);
                  return {
                    title: "Request this refund?",
                    body: (
                      <p>
                        Refund <strong>{formatMoney(cents, t?.currency ?? null)}</strong> to{" "}
                        <strong>{c.label}</strong> from {t?.label ?? "the selected payment"}. An
                        admin approves it before Stripe is asked.
                      </p>
                    ),
                    confirmLabel: `Request ${formatMoney(cents, t?.currency ?? null)} refund`,
                    tone: "danger",
                  };
                }}
              >
                <div className="grid gap-2 sm:grid-cols-2">
                  <Field id="panel-refund-target" label="Charge or invoice">
                    <Select id="panel-refund-target" name="refundTarget" required>
                      {p.refundTargets.map((t) => (
                        <option key={t.value} value={t.value}>
                          {t.label}
                        </option>
                      ))}
                    </Select>
                  </Field>
                  <Field id="panel-refund-amount" label="Amount (e.g. 12.50)">
                    <Input
                      id="panel-refund-amount"
                      name="amount"
                      type="number"
                      min="0.01"
                      step="0.01"
                      inputMode="decimal"
                      required
                    />
                  </Field>
                </div>
                <Field id="panel-refund-reason" label="Reason">
                  <Input id="panel-refund-reason" name="reason" required minLength={3} />
                </Field>
              </ToastForm>
            )}
          </div>
        )}

        {may.retry && p.failedSystems.length > 0 && (
          <div className={sub}>
            <h3 className={h3}>Failed sync</h3>
            <div className="flex flex-wrap gap-2">
              {p.failedSystems.map((s) => (
                <ToastForm
                  key={s.target}
                  action={a.retrySync}
                  hidden={{ customerId: id, target: s.target }}
                  label={`Retry ${s.name}`}
                />
              ))}
            </div>
          </div>
        )}

        {may.resolve && p.openExceptions > 0 && (
          <div className={sub}>
            <h3 className={h3}>
              {p.openExceptions === 1 ? "1 open exception" : `${p.openExceptions} open exceptions`}
            </h3>
            <ToastForm action={a.resolveExceptions} hidden={{ customerId: id }} label="Resolve all">
              <Field id="panel-resolve-note" label="What was done">
                <Input id="panel-resolve-note" name="note" required maxLength={2000} />
              </Field>
            </ToastForm>
          </div>
        )}

        {may.note && (
          <div className={sub}>
            <h3 className={h3}>Note</h3>
            <ToastForm action={a.addNote} hidden={{ customerId: id }} label="Add note">
              <Field id="note-body" label="New note (only your team sees it)">
                <Textarea id="note-body" name="body" required maxLength={5000} rows={2} />
              </Field>
            </ToastForm>
          </div>
        )}
      </div>
    </Card>
  );
}

function OverrideSection(p: PanelProps) {
  const { customer: c, may, actions: a } = p;
  const [kind, setKind] = useState<"grant" | "block">("grant");
  return (
    <div className={sub}>
      <h3 className={h3}>Access override</h3>
      {p.overrides.length > 0 && (
        <ul className="space-y-2 text-sm" data-testid="active-overrides">
          {p.overrides.map((o) => (
            <li key={o.id} className="flex flex-wrap items-center gap-2">
              <span>
                {o.kind === "grant" ? "Access granted" : "Access blocked"} by hand{" "}
                {o.until ? `until ${o.until.slice(0, 16).replace("T", " ")} UTC` : "until revoked"}{" "}
                — “{o.reason.replace(/\s*\(approval \S+ by [^)]*\)$/, "")}”
              </span>
              {may.override && (
                <ToastForm
                  action={a.revokeOverride}
                  hidden={{ customerId: c.id, overrideId: o.id }}
                  label="Revoke"
                  variant="danger"
                  confirm={() => ({
                    title: "Revoke this override?",
                    body: (
                      <p>
                        <strong>{c.label}</strong> goes back to the access that billing gives.
                      </p>
                    ),
                    confirmLabel: "Revoke",
                    tone: "danger",
                  })}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {/* Outside the form: the choice lives in state and reaches the action as a hidden
          field, so remounting the form after a success never changes what is shown. */}
      <fieldset className="flex flex-wrap gap-3 text-sm">
        <legend className="sr-only">Grant or block</legend>
        {(["grant", "block"] as const).map((k) => (
          <label key={k} className="flex items-center gap-1">
            <input
              type="radio"
              name="override-choice"
              value={k}
              checked={kind === k}
              onChange={() => setKind(k)}
            />
            {k === "grant" ? "Grant access" : "Block access"}
          </label>
        ))}
      </fieldset>
      <ToastForm
        action={may.override ? a.grantOverride : a.request}
        undoAction={may.override && !p.fourEyes ? a.revokeOverride : undefined}
        hidden={{
          customerId: c.id,
          kind: may.override ? kind : "access_override",
          ...(may.override ? {} : { overrideKind: kind }),
        }}
        label={
          may.override && !p.fourEyes
            ? kind === "grant"
              ? "Grant access now"
              : "Block access now"
            : "Request approval"
        }
        variant={kind === "block" ? "danger" : "primary"}
        testId="override-form"
      >
        <div className="grid gap-2 sm:grid-cols-2">
          {may.override ? (
            <Field id="override-days" label="For how many days" hint="Empty: until revoked">
              <Input id="override-days" name="days" type="number" min="1" max="365" />
            </Field>
          ) : (
            <Field id="override-until" label="Until (UTC)" hint="Empty: until revoked">
              <Input id="override-until" name="expiresAt" type="datetime-local" />
            </Field>
          )}
          <Field id="override-reason" label="Reason">
            <Input id="override-reason" name="reason" required minLength={3} maxLength={500} />
          </Field>
        </div>
      </ToastForm>
    </div>
  );
}
