import pg from "pg";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { LiveChange } from "@/lib/live/coalesce";
import { badgeCounts, CountsFeed, sharedCountsFeed } from "@/lib/live/counts";
import { LiveHub } from "@/lib/live/hub";
import { concerns, liveStream, parseLiveRequest } from "@/lib/live/sse";
import { LIVE_CHANNEL, parseLiveNotice } from "@/lib/live/topics";
import { resetDatabase } from "@/test/db";

let hub: LiveHub;
let changes: LiveChange[];

/** Waits until `test` holds for the changes heard so far (the hub works asynchronously). */
async function heard(test: (c: LiveChange[]) => boolean, ms = 8_000): Promise<LiveChange[]> {
  const until = Date.now() + ms;
  while (!test(changes)) {
    if (Date.now() > until) throw new Error(`not heard; got ${JSON.stringify(changes)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return changes;
}

beforeEach(async () => {
  await resetDatabase();
  changes = [];
  hub = new LiveHub(env.DATABASE_URL, { windowMs: 300 });
  hub.subscribe((c) => changes.push(c));
  await hub.ready();
});
afterEach(() => hub.stop());

describe("live updates through Postgres LISTEN/NOTIFY", () => {
  it("a row written on another connection reaches the hub's subscriber, with ids and no personal data", async () => {
    const c = await db.customer.create({ data: { email: "ada@example.com", name: "Ada" } });
    await db.exceptionRecord.create({
      data: { kind: "sync_failed", title: "CRM sync failed", detail: "x", customerId: c.id },
    });
    await heard((cs) => cs.some((x) => x.topic === "exception"));
    const customer = changes.find((x) => x.topic === "customer");
    const exception = changes.find((x) => x.topic === "exception");
    expect(customer?.customerIds).toEqual([c.id]);
    expect(exception?.customerIds).toEqual([c.id]);
    expect(JSON.stringify(changes)).not.toMatch(/ada|Ada|CRM/);
  });

  it("a NOTIFY sent by a separate client (another app instance's write) is heard", async () => {
    const other = new pg.Client({ connectionString: env.DATABASE_URL });
    await other.connect();
    try {
      await other.query("SELECT pg_notify($1, $2)", [LIVE_CHANNEL, "approval:a1:cus_1"]);
      await other.query("SELECT pg_notify($1, $2)", [LIVE_CHANNEL, "not a notice"]);
    } finally {
      await other.end();
    }
    await heard((cs) => cs.some((x) => x.topic === "approval"));
    expect(changes).toEqual([{ topic: "approval", customerIds: ["cus_1"], count: 1 }]);
  });

  it("a burst of 1,000 changes becomes a few coalesced changes that account for every one", async () => {
    await db.customer.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({ email: `burst${i}@example.com` })),
    });
    await heard((cs) => cs.reduce((n, x) => n + x.count, 0) === 50);
    changes = [];
    const started = Date.now();
    // 20 transactions of 50 row changes each (Postgres folds identical notices within one).
    for (let i = 0; i < 20; i++) {
      await db.$executeRaw`UPDATE "Customer" SET name = ${`n${i}`}`;
    }
    const elapsed = Date.now() - started;
    await heard((cs) => cs.reduce((n, x) => n + x.count, 0) >= 1000);
    expect(changes.reduce((n, x) => n + x.count, 0)).toBe(1000);
    expect(changes.every((x) => x.topic === "customer")).toBe(true);
    // At most one change per 300 ms window, however fast the writes came.
    expect(changes.length).toBeLessThanOrEqual(Math.ceil(elapsed / 300) + 2);
    expect(changes.length).toBeLessThan(20);
    expect(changes.some((x) => x.customerIds === null)).toBe(false);
  });

  it("after its connection is killed the hub reconnects, tells every page to refresh once, and hears again", async () => {
    await db.$executeRawUnsafe(
      // Only this database's listener: other runs on the same server (a bench, another
      // checkout's tests) listen on the same channel name.
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN ${LIVE_CHANNEL}' AND datname = current_database() AND pid <> pg_backend_pid()`,
    );
    await heard((cs) => cs.some((x) => x.count === 0 && x.customerIds === null));
    await db.approvalRequest.create({
      data: {
        kind: "refund",
        customerId: "cus_x",
        payload: {},
        reason: "r",
        requestedById: "u",
        requestedByEmail: "u@example.com",
      },
    });
    await heard((cs) => cs.some((x) => x.topic === "approval" && x.count === 1));
  });
});

describe("a page's event stream", () => {
  it("accepts known topics and a customer id, refuses anything else", () => {
    const p = (q: string) => parseLiveRequest(new URL(`http://x/api/live?${q}`));
    expect(p("topics=customer,exception&customer=c_1")).toEqual({
      topics: ["customer", "exception"],
      customerId: "c_1",
    });
    expect(p("")).toEqual({ topics: [], customerId: null });
    expect(p("topics=customer,secrets")).toBeNull();
    expect(p("topics=customer,customer")).toBeNull();
    expect(p("topics=customer&customer=a%20b")).toBeNull();
  });

  it("a customer's page hears changes of its customer or of too many to list, not of others", () => {
    const req = { topics: ["customer" as const, "ledger" as const], customerId: "c1" };
    expect(concerns(req, { topic: "customer", customerIds: ["c1", "c2"], count: 2 })).toBe(true);
    expect(concerns(req, { topic: "customer", customerIds: ["c2"], count: 1 })).toBe(false);
    expect(concerns(req, { topic: "ledger", customerIds: null, count: 500 })).toBe(true);
    expect(concerns(req, { topic: "approval", customerIds: ["c1"], count: 1 })).toBe(false);
    expect(parseLiveNotice("ledger:e1:")).toEqual({ topic: "ledger", id: "e1", customerId: null });
  });

  it("streams the badge counts, then a change and fresh counts when an exception opens", async () => {
    const feed = new CountsFeed(hub);
    const abort = new AbortController();
    const stream = liveStream(
      hub,
      feed,
      "staff",
      parseLiveRequest(new URL("http://x/?topics=exception"))!,
      abort.signal,
    );
    const reader = stream.getReader();
    let text = "";
    const read = async (until: (t: string) => boolean) => {
      while (!until(text)) text += new TextDecoder().decode((await reader.read()).value);
    };
    await read((t) => t.includes("event: counts"));
    expect(text).toContain('data: {"approvals":0,"exceptions":0}');
    await db.exceptionRecord.create({ data: { kind: "k", title: "t", detail: "d" } });
    await read((t) => t.includes('data: {"approvals":0,"exceptions":1}'));
    expect(text).toContain('event: change\ndata: {"topic":"exception"}');
    abort.abort();
    expect((await reader.read()).done).toBe(true);
  });

  it("the nav's counts come from the feed while it hears every change, else from the database", async () => {
    const feed = new CountsFeed(hub);
    expect(feed.current()).toBeNull(); // not listening yet: nothing to trust
    const { stop } = await feed.subscribe(() => {});
    expect(feed.current()).toEqual({ approvals: 0, exceptions: 0 });
    await db.exceptionRecord.create({ data: { kind: "k", title: "t", detail: "d" } });
    const until = Date.now() + 8_000;
    while (feed.current()?.exceptions !== 1) {
      if (Date.now() > until) throw new Error(`feed still at ${JSON.stringify(feed.current())}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    stop();
    await hub.stop(); // a lost connection: changes would go unheard
    expect(feed.current()).toBeNull();
  });

  it("renders the nav's counts without a query while this process's feed is current", async () => {
    await db.exceptionRecord.create({ data: { kind: "k", title: "t", detail: "d" } });
    // Heard before the feed starts, so no re-read of the feed is pending during the counting.
    await heard((cs) => cs.some((x) => x.topic === "exception"));
    const count = vi.spyOn(db.exceptionRecord, "count");
    try {
      expect(await badgeCounts("staff")).toEqual({ approvals: 0, exceptions: 1 });
      const feed = sharedCountsFeed(hub);
      const { stop } = await feed.subscribe(() => {});
      const reads = count.mock.calls.length;
      expect(await badgeCounts("admin")).toEqual({ approvals: 0, exceptions: 1 });
      expect(count.mock.calls.length).toBe(reads);
      stop();
      await hub.stop();
      expect(await badgeCounts("admin")).toEqual({ approvals: 0, exceptions: 1 });
      expect(count.mock.calls.length).toBe(reads + 1);
    } finally {
      count.mockRestore();
      (globalThis as { liveCounts?: unknown }).liveCounts = undefined;
    }
  });
});
