"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState, useSyncExternalStore } from "react";
import type { BadgeCounts } from "@/lib/live/counts";
import { liveTopicsForPath } from "@/lib/live/page-topics";

/** Re-renders the page's server components every `everyMs` while `active` (work in progress). */
export function AutoRefresh({ active, everyMs = 2000 }: { active: boolean; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs, router]);
  return null;
}

// The nav's badge counts as the live stream last told them (null before it has).
let liveCounts: BadgeCounts | null = null;
const countListeners = new Set<() => void>();
function setLiveCounts(c: BadgeCounts) {
  liveCounts = c;
  for (const l of countListeners) l();
}

/** The badge counts pushed by the live stream, or null until it has sent any. */
export function useLiveCounts(): BadgeCounts | null {
  return useSyncExternalStore(
    (l) => {
      countListeners.add(l);
      return () => countListeners.delete(l);
    },
    () => liveCounts,
    () => null,
  );
}

/** At most one refresh per this many ms per tab, however many changes arrive. */
const MIN_REFRESH_GAP_MS = 1000;
/** A hidden tab gives its stream back after this long and refreshes once when shown again. */
const HIDDEN_CLOSE_MS = 30_000;

type LiveState = "connecting" | "open" | "retrying" | "paused";

/**
 * Keeps the open page current: one server-sent event stream per tab (GET /api/live) for the
 * topics the page shows (lib/live/page-topics.ts) and the nav's badges; a change refreshes
 * the server components (router.refresh), at most once a second, never while the tab is
 * hidden (once when it is shown again). A lost stream reconnects with exponential backoff
 * (1 s … 30 s, jittered) and refreshes once, since changes may have been missed.
 */
export function LiveRefresh() {
  const router = useRouter();
  const pathname = usePathname();
  const { topics, customerId } = liveTopicsForPath(pathname);
  const query = new URLSearchParams({ topics: topics.join(",") });
  if (customerId) query.set("customer", customerId);
  const url = `/api/live?${query}`;
  const [state, setState] = useState<LiveState>("connecting");

  useEffect(() => {
    let source: EventSource | null = null;
    let failures = 0;
    let everOpen = false;
    let missed = false;
    let lastRefresh = 0;
    let refreshTimer: ReturnType<typeof setTimeout> | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    let hiddenTimer: ReturnType<typeof setTimeout> | null = null;
    let dirty = false;

    const refresh = () => {
      if (document.hidden) {
        dirty = true;
        return;
      }
      if (refreshTimer) return;
      const wait = Math.max(0, lastRefresh + MIN_REFRESH_GAP_MS - Date.now());
      refreshTimer = setTimeout(() => {
        refreshTimer = null;
        lastRefresh = Date.now();
        router.refresh();
      }, wait);
    };

    const open = () => {
      setState("connecting");
      const es = new EventSource(url);
      source = es;
      es.onopen = () => {
        setState("open");
        if (everOpen && (failures > 0 || missed)) refresh();
        everOpen = true;
        failures = 0;
        missed = false;
      };
      es.addEventListener("change", refresh);
      es.addEventListener("counts", (e) => setLiveCounts(JSON.parse((e as MessageEvent).data)));
      es.onerror = () => {
        // Take reconnecting over from the browser's fixed interval: back off instead.
        es.close();
        source = null;
        setState("retrying");
        const delay = Math.min(30_000, 1000 * 2 ** failures++) * (0.5 + Math.random() / 2);
        retryTimer = setTimeout(open, delay);
      };
    };

    const onVisibility = () => {
      if (document.hidden) {
        hiddenTimer = setTimeout(() => {
          hiddenTimer = null;
          source?.close();
          source = null;
          if (retryTimer) clearTimeout(retryTimer);
          retryTimer = null;
          missed = true;
          setState("paused");
        }, HIDDEN_CLOSE_MS);
        return;
      }
      if (hiddenTimer) clearTimeout(hiddenTimer);
      hiddenTimer = null;
      if (!source && !retryTimer) open();
      if (dirty) {
        dirty = false;
        refresh();
      }
    };

    open();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      for (const t of [refreshTimer, retryTimer, hiddenTimer]) if (t) clearTimeout(t);
      source?.close();
    };
  }, [url, router]);

  return <span hidden data-testid="live-status" data-state={state} />;
}
