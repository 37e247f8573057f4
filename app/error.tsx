"use client";

import { buttonClass } from "@/components/ui/button";

/** Never shows the error's message: it may carry server details. The digest links to the logs. */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4">
      <p className="font-medium text-red-900">Something went wrong loading this page.</p>
      {error.digest && <p className="mt-1 text-sm text-red-800">Reference: {error.digest}</p>}
      <button
        type="button"
        onClick={reset}
        className={buttonClass({ variant: "danger", className: "mt-3" })}
      >
        Try again
      </button>
    </div>
  );
}
