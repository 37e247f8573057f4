import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * Next's Link without prefetching unless asked. Every live update (components/ui/auto-refresh)
 * calls router.refresh(), which drops the prefetch cache, and Next then fetches every visible
 * prefetching link again: on a list page that is one server render per filter, pager and row
 * link per change per open tab, several times the refresh itself (BENCHMARKS.md, "Live
 * updates"). Pages render fast and loading.tsx covers a click.
 */
export function Link({ prefetch = false, ...props }: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={prefetch} {...props} />;
}
