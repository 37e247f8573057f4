import { db } from "@/lib/db";
import { recordLedgerEvent } from "@/lib/ledger/record-event";
import { processLedgerEvent } from "@/lib/workflows/process-ledger-event";
import type { ModelEvent } from "./types";

/**
 * Delivers the model's events the way Stripe's webhooks arrive: each event 1–5 times, some
 * copies at the same moment, in shuffled order, some right after the operation that caused
 * them and some only after later operations (so a re-read returns newer state than the
 * event carries). Every copy goes through the real ingest path: recorded in the ledger as
 * the webhook route records it (a duplicate only bumps a counter and is not processed
 * again), then processed by processLedgerEvent. A processing error leaves the row failed,
 * and it is processed again later, as the executor's retries and resume sweep do.
 */
export type DeliveryMode =
  | "random"
  /** Each event once, in the order Stripe emitted them, right after the operation. */
  | "in-order"
  /** Each event once, right after the operation, newest first (Stripe does not guarantee order). */
  | "newest-first";

type Copy = { event: ModelEvent; copy: number };

const short = (e: ModelEvent) => `${e.id.split("_").at(-1)}:${e.type}`;

export class Deliverer {
  private pending: Copy[] = [];
  readonly log: string[] = [];
  readonly stats = { deliveries: 0, processed: 0, errors: 0 };

  constructor(
    private readonly rnd: () => number,
    private readonly mode: DeliveryMode,
  ) {}

  /** Queues the copies of newly emitted events (1–5 when random; otherwise one). */
  enqueue(events: ModelEvent[]): void {
    for (const event of events) {
      const r = this.rnd();
      const copies =
        this.mode !== "random" ? 1 : r < 0.55 ? 1 : r < 0.75 ? 2 : r < 0.87 ? 3 : r < 0.95 ? 4 : 5;
      for (let copy = 1; copy <= copies; copy++) this.pending.push({ event, copy });
    }
  }

  /** Delivers part of what is pending now (random), or all of it in the scripted orders. */
  async deliverSome(label: string): Promise<void> {
    if (this.mode === "newest-first") this.pending.reverse();
    if (this.mode !== "random") return this.deliverAll(label);
    const now: Copy[] = [];
    const later: Copy[] = [];
    for (const c of this.pending) (this.rnd() < 0.6 ? now : later).push(c);
    this.pending = later;
    await this.deliverBatch(label, now);
  }

  /** Delivers everything still pending. */
  async deliverAll(label: string): Promise<void> {
    const all = this.pending;
    this.pending = [];
    await this.deliverBatch(label, all);
  }

  private async deliverBatch(label: string, batch: Copy[]): Promise<void> {
    if (batch.length === 0) return;
    if (this.mode === "random") this.shuffle(batch);
    const groups: Copy[][] = [];
    for (let i = 0; i < batch.length;) {
      const size = this.mode === "random" ? 1 + Math.floor(this.rnd() * 4) : 1;
      groups.push(batch.slice(i, i + size));
      i += size;
    }
    this.log.push(
      `${label}: ${groups.map((g) => g.map((c) => short(c.event)).join(" & ")).join(" | ")}`,
    );
    for (const group of groups) {
      // Copies in one group arrive at about the same moment (concurrent requests, a few ms apart).
      const delays = group.map(() => (this.mode === "random" ? Math.floor(this.rnd() * 5) : 0));
      await Promise.all(group.map((c, i) => this.deliverOne(c.event, delays[i])));
    }
  }

  private async deliverOne(event: ModelEvent, delayMs: number): Promise<void> {
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    this.stats.deliveries++;
    const recorded = await recordLedgerEvent(db, {
      source: "stripe",
      externalId: event.id,
      type: event.type,
      occurredAt: new Date(event.created * 1000),
      payload: event,
      correlationId: `model-${event.id}`,
    });
    if (recorded.duplicate) return;
    await this.process(recorded.id);
  }

  private async process(ledgerEventId: string): Promise<void> {
    try {
      await processLedgerEvent(db, ledgerEventId);
      this.stats.processed++;
    } catch {
      this.stats.errors++;
    }
  }

  /** Processes again every ledger row that is not done (the executor's retries). */
  async retryUnprocessed(rounds = 5, pauseMs = 1100): Promise<void> {
    for (let round = 0; round < rounds; round++) {
      const rows = await db.ledgerEvent.findMany({
        where: { source: "stripe", status: { in: ["received", "failed"] } },
        select: { id: true },
        orderBy: { occurredAt: "asc" },
      });
      if (rows.length === 0) return;
      // A rate-limited Stripe needs a moment before the next attempt.
      await new Promise((r) => setTimeout(r, pauseMs));
      this.log.push(`retry ${round + 1}: ${rows.length} unprocessed`);
      for (const row of rows) await this.process(row.id);
    }
  }

  private shuffle(list: Copy[]): void {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(this.rnd() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
  }
}
