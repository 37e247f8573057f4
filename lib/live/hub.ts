import pg from "pg";
import { poolNotifications } from "@/lib/db";
import { env } from "@/lib/env";
import { Coalescer, type LiveChange } from "@/lib/live/coalesce";
import { LIVE_CHANNEL, LIVE_TOPICS, parseLiveNotice } from "@/lib/live/topics";
import { log } from "@/lib/log";

export type LiveListener = (change: LiveChange) => void;

/**
 * One LISTEN connection per process, shared by every open page: notices from the triggers
 * are coalesced per topic (lib/live/coalesce.ts) and fanned out in process. Several app
 * instances each hold their own connection; Postgres tells every one of them.
 */
export class LiveHub {
  private readonly listeners = new Set<LiveListener>();
  private readonly coalescer: Coalescer;
  private readonly extra: NodeJS.EventEmitter | null;
  private client: pg.Client | null = null;
  private started = false;
  private stopped = false;
  private failures = 0;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private readonly onPoolNotification = (n: pg.Notification) => this.onNotification(n);

  constructor(
    private readonly url: string,
    opts: { windowMs?: number; notifications?: NodeJS.EventEmitter } = {},
  ) {
    this.coalescer = new Coalescer((c) => this.fanOut(c), opts.windowMs ?? 500);
    this.extra = opts.notifications ?? null;
  }

  /** Calls `listener` with every coalesced change until the returned function is called. */
  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    if (!this.started) {
      this.started = true;
      this.extra?.on("notification", this.onPoolNotification);
      void this.connect();
    }
    return () => this.listeners.delete(listener);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  /** Resolves once the LISTEN connection is up (for tests and the bench). */
  async ready(timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!this.client && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    if (!this.client) throw new Error("live: LISTEN connection not up");
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.extra?.off("notification", this.onPoolNotification);
    this.coalescer.stop();
    this.listeners.clear();
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.url });
    client.on("notification", (n) => this.onNotification(n));
    client.on("error", (err) => this.lost(client, err));
    client.on("end", () => this.lost(client, new Error("connection ended")));
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
    } catch (err) {
      this.lost(client, err);
      return;
    }
    if (this.stopped) return void client.end().catch(() => undefined);
    const resumed = this.failures > 0;
    this.failures = 0;
    this.client = client;
    // Changes made while the connection was down were not heard: every page refreshes once.
    if (resumed) {
      for (const topic of LIVE_TOPICS) this.fanOut({ topic, customerIds: null, count: 0 });
    }
  }

  private lost(client: pg.Client, err: unknown): void {
    client.removeAllListeners("end");
    client.removeAllListeners("error");
    client.on("error", () => undefined);
    client.end().catch(() => undefined);
    if (this.stopped || (this.client !== null && this.client !== client) || this.retry) return;
    this.client = null;
    const delay = Math.min(30_000, 500 * 2 ** this.failures++);
    log.warn({ err: String(err), retryInMs: delay }, "live: LISTEN connection lost");
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, delay);
  }

  private onNotification(n: pg.Notification): void {
    if (n.channel !== LIVE_CHANNEL) return;
    const notice = parseLiveNotice(n.payload);
    if (notice) this.coalescer.push(notice);
  }

  private fanOut(change: LiveChange): void {
    for (const l of this.listeners) {
      try {
        l(change);
      } catch (err) {
        log.error({ err: String(err) }, "live: listener failed");
      }
    }
  }
}

const globalForLive = globalThis as unknown as { liveHub?: LiveHub };

/** This process's hub (cached on globalThis so dev reloads keep one connection). */
export function liveHub(): LiveHub {
  return (globalForLive.liveHub ??= new LiveHub(env.DATABASE_URL, {
    notifications: poolNotifications,
  }));
}
