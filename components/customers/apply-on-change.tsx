"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useTransition, type ReactNode } from "react";

/**
 * Applies the filter form inside it as soon as a choice changes (search after a short pause
 * in typing), by replacing the URL: the server filters, the view stays in the URL, and the
 * form's own submit button still works without JavaScript.
 */
export function ApplyOnChange({ action, children }: { action: string; children: ReactNode }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  function apply(form: HTMLFormElement) {
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(form))
      if (typeof v === "string" && v !== "") params.set(k, v);
    startTransition(() => router.replace(`${action}?${params.toString()}`, { scroll: false }));
  }

  return (
    <div
      aria-busy={pending}
      onChange={(e) => {
        const target = e.target as HTMLInputElement | HTMLSelectElement;
        const form = target.form;
        if (!form) return;
        clearTimeout(timer.current);
        if (target instanceof HTMLInputElement && target.type === "search")
          timer.current = setTimeout(() => apply(form), 350);
        else apply(form);
      }}
    >
      {children}
    </div>
  );
}
