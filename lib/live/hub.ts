import { poolNotifications } from "@/lib/db";
import { env } from "@/lib/env";
import { PgListener } from "@/lib/db-listen";
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
  private readonly connection: PgListener;

  constructor(url: string, opts: { windowMs?: number; notifications?: NodeJS.EventEmitter } = {}) {
    this.coalescer = new Coalescer((c) => this.fanOut(c), opts.windowMs ?? 500);
    this.connection = new PgListener(
      url,
      LIVE_CHANNEL,
      (payload) => {
        const notice = parseLiveNotice(payload);
        if (notice) this.coalescer.push(notice);
      },
      {
        notifications: opts.notifications,
        // Changes made while the connection was down were not heard: every page refreshes once.
        onResumed: () => {
          for (const topic of LIVE_TOPICS) this.fanOut({ topic, customerIds: null, count: 0 });
        },
      },
    );
  }

  /** Calls `listener` with every coalesced change until the returned function is called. */
  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    this.connection.start();
    return () => this.listeners.delete(listener);
  }

  /** Whether changes are being heard now (false before the connection is up and while lost). */
  get listening(): boolean {
    return this.connection.listening;
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  /** Resolves once the LISTEN connection is up (for tests and the bench). */
  ready(timeoutMs = 10_000): Promise<void> {
    return this.connection.ready(timeoutMs);
  }

  async stop(): Promise<void> {
    this.coalescer.stop();
    this.listeners.clear();
    await this.connection.stop();
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
