/** A titled section: white, bordered, its heading labelling it for screen readers. */
export function Card({
  id,
  title,
  actions,
  children,
  className = "",
  testId,
}: {
  id: string;
  title?: React.ReactNode;
  actions?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <section
      aria-labelledby={title ? `${id}-title` : undefined}
      data-testid={testId}
      className={`rounded-lg border border-slate-200 bg-white p-3 sm:p-4 ${className}`}
    >
      {title && (
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <h2
            id={`${id}-title`}
            className="text-sm font-semibold tracking-wide text-slate-600 uppercase"
          >
            {title}
          </h2>
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}
