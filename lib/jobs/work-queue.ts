import type { Db } from "@/lib/db";
import type { WorkflowEvent } from "@/lib/workflow-events";

/**
 * The hand-off between a web process (PROCESS_ROLE=web) and the worker processes: the event
 * goes out as a Postgres NOTIFY on this channel, after the ledger row or outbox task it names
 * is committed. A notice nobody heard (no worker up, a connection lost) is not lost work:
 * each worker's sweep re-drives pending ledger rows and due tasks from the tables.
 */
export const WORK_CHANNEL = "lr_work";

/** Sends events to whichever worker owns them. Throws if the database refused. */
export async function notifyWork(db: Db, events: WorkflowEvent[]): Promise<void> {
  if (!events.length) return;
  const payloads = events.map((e) => JSON.stringify({ id: e.id, name: e.name, data: e.data }));
  // One statement for the batch: pg_notify per element of the array.
  await db.$executeRaw`SELECT pg_notify(${WORK_CHANNEL}, p) FROM unnest(${payloads}::text[]) AS p`;
}

/** A notice's payload as an event, or null (a hand-typed NOTIFY, another version's shape). */
export function parseWorkNotice(payload: string | undefined): WorkflowEvent | null {
  if (!payload) return null;
  try {
    const e = JSON.parse(payload) as Partial<WorkflowEvent>;
    if (typeof e.id !== "string" || typeof e.name !== "string" || typeof e.data !== "object")
      return null;
    return e as WorkflowEvent;
  } catch {
    return null;
  }
}

/** FNV-1a over the key: stable across processes and versions (unlike a random seed). */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Which of `count` workers owns the work of `key` (a Stripe customer's ordering key, a
 * customer id): one owner per key, so one customer's events queue in one process, in order,
 * while different customers spread over the workers.
 */
export function ownerOf(key: string, count: number): number {
  return count <= 1 ? 0 : hash(key) % count;
}
