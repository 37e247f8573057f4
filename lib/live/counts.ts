import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import type { LiveHub } from "@/lib/live/hub";

/** The nav's badges: what waits for a person. A count is absent when the role may not read it. */
export type BadgeCounts = { approvals?: number; exceptions?: number };
type AllCounts = { approvals: number; exceptions: number };

async function readCounts(): Promise<AllCounts> {
  const [approvals, exceptions] = await Promise.all([
    db.approvalRequest.count({ where: { status: "pending" } }),
    db.exceptionRecord.count({ where: { status: "open" } }),
  ]);
  return { approvals, exceptions };
}

/** The counts a role may see. */
export function countsFor(role: Role, all: AllCounts): BadgeCounts {
  return {
    ...(can(role, "approval.read") ? { approvals: all.approvals } : {}),
    ...(can(role, "exception.read") ? { exceptions: all.exceptions } : {}),
  };
}

const globalForCounts = globalThis as unknown as { liveCounts?: CountsFeed };

/** This process's feed (one per process, however many pages are open). */
export function sharedCountsFeed(hub: LiveHub): CountsFeed {
  return (globalForCounts.liveCounts ??= new CountsFeed(hub));
}

/**
 * For the nav's render: the counts this process's feed holds while they are current (it
 * listens and has no re-read pending), else read now. Every live refresh of every open page
 * renders the nav, so this saves two counts per refresh; the page's stream pushes any change
 * the render could not know yet.
 */
export async function badgeCounts(role: Role): Promise<BadgeCounts> {
  return countsFor(role, globalForCounts.liveCounts?.current() ?? (await readCounts()));
}

type CountsListener = (all: AllCounts) => void;

/**
 * The badge counts of this process, read once per coalesced approval or exception change
 * (not once per open page) and pushed to every open page's stream.
 */
export class CountsFeed {
  private latest: AllCounts | null = null;
  private readonly listeners = new Set<CountsListener>();
  private reading = false;
  private again = false;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly hub: LiveHub) {}

  /** The current counts (read now if none are cached), then every change until unsubscribed. */
  async subscribe(listener: CountsListener): Promise<{ current: AllCounts; stop: () => void }> {
    this.unsubscribe ??= this.hub.subscribe((c) => {
      if (c.topic === "approval" || c.topic === "exception") void this.refresh();
    });
    this.listeners.add(listener);
    const current = this.latest ?? (await readCounts());
    this.latest ??= current;
    return { current, stop: () => this.listeners.delete(listener) };
  }

  /**
   * The counts as of the last change heard, or null when they may be behind: before the first
   * read, while a re-read is pending, and while the hub does not hear changes (not yet
   * subscribed, or its connection is lost).
   */
  current(): AllCounts | null {
    if (!this.unsubscribe || !this.hub.listening || this.reading) return null;
    return this.latest;
  }

  private async refresh(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    try {
      do {
        this.again = false;
        this.latest = await readCounts();
        for (const l of this.listeners) l(this.latest);
      } while (this.again);
    } catch {
      this.latest = null; // read again on the next subscribe or change
    } finally {
      this.reading = false;
    }
  }
}
