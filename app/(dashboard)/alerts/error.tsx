"use client";

/** The alerts page failed to load: say so and offer a retry, never the error itself. */
export default function AlertsError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div
      role="alert"
      className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800"
    >
      <p>Could not load alerts and metrics.</p>
      <button
        type="button"
        onClick={reset}
        className="mt-2 rounded border border-red-300 px-2 py-0.5 text-xs"
      >
        Try again
      </button>
    </div>
  );
}
