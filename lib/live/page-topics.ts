import { pageForPath } from "@/lib/auth/pages";
import type { LiveTopic } from "@/lib/live/topics";

/**
 * What each page shows live, by its registry route (lib/auth/pages.ts). A page not listed
 * still holds the stream for the nav's badges and refreshes on nothing.
 */
export const PAGE_TOPICS: Record<string, readonly LiveTopic[]> = {
  "/": ["customer", "exception", "approval", "ledger", "sync"],
  "/customers": ["customer"],
  "/customers/[id]": ["customer", "exception", "approval", "ledger", "sync"],
  "/exceptions": ["exception"],
  "/approvals": ["approval"],
  "/ledger": ["ledger"],
};

/** The topics (and the customer, on a customer's page) an open page at `path` listens to. */
export function liveTopicsForPath(path: string): {
  topics: readonly LiveTopic[];
  customerId: string | null;
} {
  const page = pageForPath(path);
  const topics = (page && PAGE_TOPICS[page.href]) ?? [];
  const customerId =
    page?.href === "/customers/[id]" ? decodeURIComponent(path.split("/")[2] ?? "") : null;
  return { topics, customerId: customerId || null };
}
