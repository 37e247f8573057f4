"use client";

import { useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";

export type Toast = {
  id: number;
  ok: boolean;
  message: string;
  /** Offered as an "Undo" button when the action can be taken back. */
  undo?: () => void | Promise<void>;
};

let toasts: Toast[] = [];
let next = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function dismissToast(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

/**
 * Shows a message in the page's toast region (kept in a module store, so it outlives the
 * component that raised it). Successes go after 6 s, failures and undoable ones stay longer.
 */
export function toast(t: Omit<Toast, "id">): number {
  const id = next++;
  toasts = [...toasts.slice(-3), { ...t, id }];
  emit();
  setTimeout(() => dismissToast(id), t.ok && !t.undo ? 6000 : 12000);
  return id;
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The server's snapshot: one array, since React asks for it again and compares by identity. */
const NO_TOASTS: Toast[] = [];

/** The live region toasts appear in; render it once on a page. */
export function Toaster() {
  const list = useSyncExternalStore(
    subscribe,
    () => toasts,
    () => NO_TOASTS,
  );
  return (
    <div
      aria-live="polite"
      className="pointer-events-none fixed inset-x-2 bottom-2 z-50 flex flex-col items-center gap-2 sm:inset-x-auto sm:right-4 sm:bottom-4 sm:items-end"
    >
      {list.map((t) => (
        <div
          key={t.id}
          role={t.ok ? "status" : "alert"}
          data-testid="toast"
          className={`pointer-events-auto flex w-full max-w-sm items-start gap-2 rounded-md border p-3 text-sm shadow-lg ${t.ok ? "border-emerald-300 bg-emerald-50 text-emerald-900" : "border-red-300 bg-red-50 text-red-900"}`}
        >
          <p className="min-w-0 flex-1 break-words">{t.message}</p>
          {t.undo && (
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                dismissToast(t.id);
                void t.undo?.();
              }}
            >
              Undo
            </Button>
          )}
          <Button size="sm" variant="ghost" aria-label="Dismiss" onClick={() => dismissToast(t.id)}>
            ×
          </Button>
        </div>
      ))}
    </div>
  );
}
