import type { EventEmitter } from "node:events";
import pg from "pg";
import { log } from "@/lib/log";

export type ListenOptions = {
  /** NOTIFY messages that reach other connections too (PGlite: see poolNotifications). */
  notifications?: EventEmitter;
  /** Called after a lost connection is back: notices sent meanwhile were not heard. */
  onResumed?: () => void;
};

/**
 * One dedicated LISTEN connection on `channel`, reconnecting with backoff (0.5 s … 30 s)
 * when it drops. Used by the live pages (lib/live/hub.ts) and the worker's work queue
 * (lib/jobs/work-queue.ts): a lost notice is made good by `onResumed`, never assumed away.
 */
export class PgListener {
  private client: pg.Client | null = null;
  private started = false;
  private stopped = false;
  private failures = 0;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private readonly onPool = (n: pg.Notification) => this.receive(n);

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly onPayload: (payload: string | undefined) => void,
    private readonly opts: ListenOptions = {},
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.opts.notifications?.on("notification", this.onPool);
    void this.connect();
  }

  /** Whether the LISTEN connection is up now (notices are being heard). */
  get listening(): boolean {
    return this.client !== null;
  }

  /** Resolves once the LISTEN connection is up. */
  async ready(timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!this.client && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    if (!this.client) throw new Error(`LISTEN ${this.channel}: connection not up`);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.opts.notifications?.off("notification", this.onPool);
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }

  private receive(n: pg.Notification): void {
    if (n.channel === this.channel) this.onPayload(n.payload);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.url });
    client.on("notification", (n) => this.receive(n));
    client.on("error", (err) => this.lost(client, err));
    client.on("end", () => this.lost(client, new Error("connection ended")));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (err) {
      this.lost(client, err);
      return;
    }
    if (this.stopped) return void client.end().catch(() => undefined);
    const resumed = this.failures > 0;
    this.failures = 0;
    this.client = client;
    if (resumed) this.opts.onResumed?.();
  }

  private lost(client: pg.Client, err: unknown): void {
    client.removeAllListeners("end");
    client.removeAllListeners("error");
    client.on("error", () => undefined);
    client.end().catch(() => undefined);
    if (this.stopped || (this.client !== null && this.client !== client) || this.retry) return;
    this.client = null;
    const delay = Math.min(30_000, 500 * 2 ** this.failures++);
    log.warn(
      { channel: this.channel, err: String(err), retryInMs: delay },
      "LISTEN connection lost",
    );
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, delay);
  }
}
