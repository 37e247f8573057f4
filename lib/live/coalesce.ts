import type { LiveNotice, LiveTopic } from "@/lib/live/topics";

/**
 * One coalesced change of a topic: the customers it touched, or null when there were more
 * than `maxIds` (a burst) and every listener should assume its customer is among them.
 */
export type LiveChange = { topic: LiveTopic; customerIds: string[] | null; count: number };

type Pending = { customers: Set<string>; overflow: boolean; count: number };

/**
 * Turns a stream of notices into at most one change per topic per `windowMs`: the first
 * notice after a quiet window goes out on the next tick (so a lone change is not delayed),
 * later ones wait for the window to end and leave together. A burst of 1,000 row changes
 * becomes a handful of changes, whatever the number of open pages.
 */
export class Coalescer {
  private pending = new Map<LiveTopic, Pending>();
  private lastFlush = new Map<LiveTopic, number>();
  private timers = new Map<LiveTopic, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly emit: (change: LiveChange) => void,
    private readonly windowMs = 500,
    private readonly maxIds = 100,
  ) {}

  push(notice: LiveNotice): void {
    const { topic } = notice;
    let p = this.pending.get(topic);
    if (!p) this.pending.set(topic, (p = { customers: new Set(), overflow: false, count: 0 }));
    p.count++;
    // A row tied to no customer (an unlinked payment) concerns no customer's page.
    if (notice.customerId !== null && !p.overflow) {
      p.customers.add(notice.customerId);
      if (p.customers.size > this.maxIds) p.overflow = true;
    }
    if (this.timers.has(topic)) return;
    const wait = Math.max(0, (this.lastFlush.get(topic) ?? -Infinity) + this.windowMs - Date.now());
    this.timers.set(
      topic,
      setTimeout(() => this.flush(topic), wait),
    );
  }

  /** Sends what is pending now (e.g. on shutdown). */
  flushAll(): void {
    for (const topic of [...this.timers.keys()]) this.flush(topic);
  }

  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.pending.clear();
  }

  private flush(topic: LiveTopic): void {
    clearTimeout(this.timers.get(topic));
    this.timers.delete(topic);
    const p = this.pending.get(topic);
    this.pending.delete(topic);
    if (!p) return;
    this.lastFlush.set(topic, Date.now());
    this.emit({ topic, customerIds: p.overflow ? null : [...p.customers], count: p.count });
  }
}
