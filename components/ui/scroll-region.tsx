/**
 * A box that scrolls sideways when its content (a wide table, JSON) is wider than the screen.
 * It takes keyboard focus, so a person without a mouse can scroll it with the arrow keys
 * (WCAG 2.1.1), and it is a named region, so a screen reader says what it holds.
 */
export function ScrollRegion({
  label,
  className = "",
  children,
}: {
  label: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`overflow-x-auto ${className}`}>
      {children}
    </div>
  );
}
