import type { WorkflowEvent, WorkflowEventName, WorkflowEvents } from "@/lib/workflow-events";
import { log } from "@/lib/log";

export type WorkflowHandlers = {
  [N in WorkflowEventName]: (data: WorkflowEvents[N]) => Promise<unknown>;
};

export type InProcessOptions = {
  concurrency?: number;
  /** Events with the same key never run at the same time (e.g. one customer's sync tasks). */
  keyOf?: (event: WorkflowEvent) => string | undefined;
  /** Delay before each retry; its length is the number of retries. */
  retryDelaysMs?: number[];
  /** Queued events of higher priority start first (e.g. state changes before side effects). */
  priorityOf?: (event: WorkflowEvent) => number;
  /** At most this many events of one name run at once (keeps slots free for the others). */
  limits?: Partial<Record<WorkflowEventName, number>>;
  /**
   * Tighter limits while other work waits: at most `limit` events of `name` start while any
   * event of `whileBusy` is queued or running. All handlers share one event loop, so slots
   * alone do not give the favoured work the CPU; starting less of the rest does.
   */
  busyLimits?: { name: WorkflowEventName; whileBusy: WorkflowEventName; limit: number }[];
};

/**
 * Runs workflow handlers in this Node process when no Inngest server is configured:
 * a bounded-concurrency queue with retries and backoff. Deduplicates by event id while
 * an event is queued or running, like Inngest's event-id deduplication. Durable state
 * lives in the database, so a restart resumes from the ledger (see resume-pending.ts).
 */
export class InProcessExecutor {
  private queue: { event: WorkflowEvent; attempt: number }[] = [];
  private active = 0;
  private known = new Set<string>();
  private waiters: (() => void)[] = [];
  private readonly concurrency: number;
  private readonly retryDelaysMs: number[];
  private timers = new Set<NodeJS.Timeout>();
  private activeKeys = new Set<string>();
  private readonly keyOf: (event: WorkflowEvent) => string | undefined;
  private readonly priorityOf: (event: WorkflowEvent) => number;
  private readonly limits: Partial<Record<WorkflowEventName, number>>;
  private readonly busyLimits: NonNullable<InProcessOptions["busyLimits"]>;
  private activeByName = new Map<WorkflowEventName, number>();

  constructor(
    private readonly handlers: Partial<WorkflowHandlers>,
    opts: InProcessOptions = {},
  ) {
    this.concurrency = opts.concurrency ?? 4;
    this.retryDelaysMs = opts.retryDelaysMs ?? [1_000, 5_000, 25_000, 120_000];
    this.keyOf = opts.keyOf ?? (() => undefined);
    this.priorityOf = opts.priorityOf ?? (() => 0);
    this.limits = opts.limits ?? {};
    this.busyLimits = opts.busyLimits ?? [];
  }

  /** Enqueues the event at `at` (a scheduled retry); kept until then even if the process idles. */
  enqueueAt(event: WorkflowEvent, at: Date): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.enqueue(event);
        this.notifyIfIdle();
      },
      Math.max(0, at.getTime() - Date.now()),
    );
    timer.unref();
    this.timers.add(timer);
  }

  enqueue(event: WorkflowEvent): void {
    const key = `${event.name}:${event.id}`;
    if (this.known.has(key)) return;
    this.known.add(key);
    this.queue.push({ event, attempt: 0 });
    this.pump();
  }

  /** Resolves when nothing is queued, running or waiting for a retry. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** What the executor holds now (for the health check). */
  stats(): { queued: number; running: number; scheduledRetries: number } {
    return { queued: this.queue.length, running: this.active, scheduledRetries: this.timers.size };
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.queue = [];
  }

  private isIdle() {
    return this.queue.length === 0 && this.active === 0 && this.timers.size === 0;
  }

  private notifyIfIdle() {
    if (this.isIdle()) this.waiters.splice(0).forEach((w) => w());
  }

  /** The most events of `name` that may run now (limits, tightened while others wait). */
  private limitOf(name: WorkflowEventName): number {
    let limit = this.limits[name] ?? Infinity;
    for (const b of this.busyLimits) {
      if (b.name !== name || b.limit >= limit) continue;
      const busy =
        (this.activeByName.get(b.whileBusy) ?? 0) > 0 ||
        this.queue.some((q) => q.event.name === b.whileBusy);
      if (busy) limit = b.limit;
    }
    return limit;
  }

  private pump() {
    while (this.active < this.concurrency) {
      let index = -1;
      let best = -Infinity;
      const limits = new Map<WorkflowEventName, number>();
      for (let i = 0; i < this.queue.length; i++) {
        const { event } = this.queue[i];
        const key = this.keyOf(event);
        if (key && this.activeKeys.has(key)) continue;
        if (!limits.has(event.name)) limits.set(event.name, this.limitOf(event.name));
        if ((this.activeByName.get(event.name) ?? 0) >= limits.get(event.name)!) continue;
        const priority = this.priorityOf(event);
        if (priority > best) [index, best] = [i, priority];
      }
      if (index < 0) return;
      const [{ event, attempt }] = this.queue.splice(index, 1);
      this.start(event, attempt);
    }
  }

  private start(event: WorkflowEvent, attempt: number) {
    const key = this.keyOf(event);
    if (key) this.activeKeys.add(key);
    this.active++;
    this.activeByName.set(event.name, (this.activeByName.get(event.name) ?? 0) + 1);
    void this.run(event, attempt).finally(() => {
      if (key) this.activeKeys.delete(key);
      this.active--;
      this.activeByName.set(event.name, (this.activeByName.get(event.name) ?? 1) - 1);
      this.pump();
      this.notifyIfIdle();
    });
  }

  private async run(event: WorkflowEvent, attempt: number): Promise<void> {
    const key = `${event.name}:${event.id}`;
    const handler = this.handlers[event.name] as ((data: unknown) => Promise<unknown>) | undefined;
    try {
      if (!handler) throw new Error(`no in-process handler for ${event.name}`);
      await handler(event.data);
      this.known.delete(key);
    } catch (e) {
      const delay = this.retryDelaysMs[attempt];
      if (delay === undefined) {
        this.known.delete(key);
        log.error(
          { event: event.name, id: event.id, attempts: attempt + 1, err: String(e) },
          "workflow gave up",
        );
        return;
      }
      const jittered = Math.round(delay * (0.8 + Math.random() * 0.4));
      log.warn(
        { event: event.name, id: event.id, attempt: attempt + 1, retryInMs: jittered },
        "workflow failed; retrying",
      );
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.queue.push({ event, attempt: attempt + 1 });
        this.pump();
      }, jittered);
      timer.unref();
      this.timers.add(timer);
    }
  }
}
