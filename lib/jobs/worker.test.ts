import pg from "pg";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { recordStripe } from "@/dev/deliver";
import { db } from "@/lib/db";
import { env, resetEnvCache } from "@/lib/env";
import {
  dispatch,
  dispatchSyncTasks,
  inProcessExecutor,
  reconcileOnce,
  runsHere,
} from "@/lib/jobs/dispatch";
import { notifyWork, ownerOf, parseWorkNotice, WORK_CHANNEL } from "@/lib/jobs/work-queue";
import { startWorker } from "@/lib/jobs/worker";
import { ledgerEvent, type WorkflowEvent } from "@/lib/workflow-events";
import { invoicePaid } from "@/fakes/stripe/events";
import { resetDatabase } from "@/test/db";

function role(vars: Record<string, string>) {
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  resetEnvCache();
}

/** A LISTEN connection on the work channel: what a worker would hear. */
async function hearWork(): Promise<{ heard: WorkflowEvent[]; stop: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  const heard: WorkflowEvent[] = [];
  client.on("notification", (n) => {
    const e = parseWorkNotice(n.payload);
    if (e) heard.push(e);
  });
  await client.query(`LISTEN ${WORK_CHANNEL}`);
  return { heard, stop: () => client.end() };
}

async function until(test: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
}

const statusOf = async (id: string) =>
  (await db.ledgerEvent.findUniqueOrThrow({ where: { id } })).status;

/** Records a payment of a Stripe customer whose ordering key worker `owner` of 2 owns. */
async function paymentOwnedBy(
  owner: number,
  tag: string,
): Promise<{ event: WorkflowEvent; ledgerId: string }> {
  for (let i = 0; ; i++) {
    const customer = `cus_${tag}${i}`;
    if (ownerOf(`stripe:${customer}`, 2) !== owner) continue;
    const id = await recordStripe(invoicePaid({ customer, email: `${tag}${i}@example.com` }));
    const row = await db.ledgerEvent.findUniqueOrThrow({ where: { id } });
    expect(row.orderingKey).toBe(`stripe:${customer}`);
    return { event: ledgerEvent(row), ledgerId: id };
  }
}

beforeEach(resetDatabase);
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

describe("who owns a customer's work", () => {
  it("one owner per key, the same in every process, spread over the workers", () => {
    expect(ownerOf("cus_a", 1)).toBe(0);
    expect(ownerOf("cus_a", 4)).toBe(ownerOf("cus_a", 4));
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[ownerOf(`cus_${i}`, 4)]++;
    for (const c of counts) expect(c).toBeGreaterThan(800);
  });

  it("a notice that is not an event is ignored", () => {
    expect(parseWorkNotice(undefined)).toBeNull();
    expect(parseWorkNotice("not json")).toBeNull();
    expect(parseWorkNotice('{"id":1}')).toBeNull();
    expect(parseWorkNotice('{"id":"a","name":"x","data":{}}')).toEqual({
      id: "a",
      name: "x",
      data: {},
    });
  });
});

describe("a web process (PROCESS_ROLE=web)", () => {
  it("hands a recorded event to the workers over NOTIFY and processes nothing itself", async () => {
    role({ PROCESS_ROLE: "web" });
    const listener = await hearWork();
    try {
      const { event, ledgerId } = await paymentOwnedBy(0, "web");
      expect(runsHere(event)).toBe(false);
      await dispatch(event);
      await until(() => listener.heard.length === 1);
      expect(listener.heard[0]).toEqual(JSON.parse(JSON.stringify(event)));
      await inProcessExecutor().idle();
      expect(await statusOf(ledgerId)).toBe("received");
    } finally {
      await listener.stop();
    }
  });
});

describe("a worker process (PROCESS_ROLE=worker)", () => {
  it("processes the hand-offs of the customers it owns and leaves the others to their owner, also when it sweeps", async () => {
    role({ PROCESS_ROLE: "worker", WORKER_INDEX: "0", WORKER_COUNT: "2" });
    const mine = await paymentOwnedBy(0, "mine");
    const theirs = await paymentOwnedBy(1, "theirs");
    const stop = await startWorker();
    try {
      expect([runsHere(mine.event), runsHere(theirs.event)]).toEqual([true, false]);
      await notifyWork(db, [mine.event, theirs.event]);
      await until(async () => (await statusOf(mine.ledgerId)) === "processed");
      await inProcessExecutor().idle();
      expect(await statusOf(theirs.ledgerId)).toBe("received");

      // The sweep finds both pending; it runs only its own and hands nothing over.
      const listener = await hearWork();
      try {
        await reconcileOnce({ ledgerOlderThanSeconds: 0, syncGraceSeconds: 0 });
        await inProcessExecutor().idle();
        expect(await statusOf(theirs.ledgerId)).toBe("received");
        expect(listener.heard.filter((e) => e.name === "ledger/event.received")).toEqual([]);
      } finally {
        await listener.stop();
      }
    } finally {
      await stop(5_000, { keepDatabase: true });
    }
  });

  it("hands the sync tasks of customers another worker owns to it, and runs its own", async () => {
    role({ PROCESS_ROLE: "worker", WORKER_INDEX: "0", WORKER_COUNT: "2" });
    const owner = (t: { customerId: string }) => ownerOf(t.customerId, 2);
    const tasks: { id: string; customerId: string }[] = [];
    const both = () => [0, 1].every((w) => tasks.filter((t) => owner(t) === w).length >= 2);
    for (let i = 0; !both(); i++) {
      const customer = await db.customer.create({ data: { email: `t${i}@example.com` } });
      tasks.push(
        await db.syncTask.create({
          data: {
            customerId: customer.id,
            target: "crm",
            action: "crm.upsert_contact",
            idempotencyKey: `crm:t${i}`,
            correlationId: `corr-t${i}`,
          },
        }),
      );
    }
    const listener = await hearWork();
    try {
      await dispatchSyncTasks(tasks);
      await inProcessExecutor().idle();
      const others = tasks.filter((t) => owner(t) === 1).map((t) => t.id);
      await until(() => listener.heard.length === others.length);
      expect(listener.heard.map((e) => (e.data as { taskId: string }).taskId).sort()).toEqual(
        others.sort(),
      );
      for (const t of tasks) {
        const after = await db.syncTask.findUniqueOrThrow({ where: { id: t.id } });
        expect(after.attempts > 0).toBe(owner(t) === 0);
      }
    } finally {
      await listener.stop();
    }
  });

  it("work that is recorded while no worker listens is caught up when one starts", async () => {
    role({ PROCESS_ROLE: "worker", WORKER_INDEX: "0", WORKER_COUNT: "1" });
    const { ledgerId } = await paymentOwnedBy(0, "late");
    const stop = await startWorker();
    try {
      await until(async () => (await statusOf(ledgerId)) === "processed");
    } finally {
      await stop(5_000, { keepDatabase: true });
    }
  });
});
