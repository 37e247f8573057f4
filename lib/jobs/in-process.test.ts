import { describe, expect, it, vi } from "vitest";
import { InProcessExecutor } from "./in-process";

const event = (id: string) => ({
  name: "ledger/event.received" as const,
  id,
  data: { ledgerEventId: id },
});

describe("InProcessExecutor", () => {
  it("runs each event once while it is queued or running (dedup by id)", async () => {
    const handler = vi.fn(async () => {});
    const ex = new InProcessExecutor({ "ledger/event.received": handler });
    ex.enqueue(event("a"));
    ex.enqueue(event("a"));
    ex.enqueue(event("b"));
    await ex.idle();
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it("retries a failing handler on its schedule, then succeeds", async () => {
    let calls = 0;
    const ex = new InProcessExecutor(
      {
        "ledger/event.received": async () => {
          if (++calls < 3) throw new Error("transient");
        },
      },
      { retryDelaysMs: [5, 5, 5] },
    );
    ex.enqueue(event("x"));
    await ex.idle();
    expect(calls).toBe(3);
  });

  it("gives up after the last retry and accepts the event again later", async () => {
    const handler = vi.fn(async () => {
      throw new Error("permanent");
    });
    const ex = new InProcessExecutor({ "ledger/event.received": handler }, { retryDelaysMs: [1] });
    ex.enqueue(event("y"));
    await ex.idle();
    expect(handler).toHaveBeenCalledTimes(2);
    ex.enqueue(event("y"));
    await ex.idle();
    expect(handler).toHaveBeenCalledTimes(4);
  });

  it("never runs more handlers at once than its concurrency", async () => {
    let running = 0;
    let peak = 0;
    const ex = new InProcessExecutor(
      {
        "ledger/event.received": async () => {
          peak = Math.max(peak, ++running);
          await new Promise((r) => setTimeout(r, 5));
          running--;
        },
      },
      { concurrency: 2 },
    );
    for (let i = 0; i < 10; i++) ex.enqueue(event(`c${i}`));
    await ex.idle();
    expect(peak).toBe(2);
  });
});

describe("InProcessExecutor keys", () => {
  it("never runs two events with the same key at once, but runs other keys alongside", async () => {
    const running = new Map<string, number>();
    let overlap = false;
    let parallelAcrossKeys = false;
    const ex = new InProcessExecutor(
      {
        "ledger/event.received": async ({ ledgerEventId }) => {
          const key = ledgerEventId.split("-")[0];
          if (running.get(key)) overlap = true;
          running.set(key, 1);
          if ([...running.values()].filter(Boolean).length > 1) parallelAcrossKeys = true;
          await new Promise((r) => setTimeout(r, 5));
          running.set(key, 0);
        },
      },
      {
        concurrency: 4,
        keyOf: (e) => (e.data as { ledgerEventId: string }).ledgerEventId.split("-")[0],
      },
    );
    for (let i = 0; i < 6; i++) ex.enqueue(event(`a-${i}`));
    for (let i = 0; i < 6; i++) ex.enqueue(event(`b-${i}`));
    await ex.idle();
    expect(overlap).toBe(false);
    expect(parallelAcrossKeys).toBe(true);
  });

  it("enqueueAt holds the event until its time and idle() waits for it", async () => {
    const handler = vi.fn(async () => {});
    const ex = new InProcessExecutor({ "ledger/event.received": handler });
    const started = Date.now();
    ex.enqueueAt(event("later"), new Date(Date.now() + 50));
    await ex.idle();
    expect(handler).toHaveBeenCalledTimes(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});

describe("InProcessExecutor priorities", () => {
  it("starts queued events of higher priority first", async () => {
    const order: string[] = [];
    const ex = new InProcessExecutor(
      {
        "ledger/event.received": async ({ ledgerEventId }) => {
          order.push(ledgerEventId);
          await new Promise((r) => setTimeout(r, 1));
        },
      },
      {
        concurrency: 1,
        priorityOf: (e) =>
          (e.data as { ledgerEventId: string }).ledgerEventId.startsWith("hi") ? 1 : 0,
      },
    );
    for (const id of ["lo-1", "lo-2", "hi-1", "lo-3", "hi-2"]) ex.enqueue(event(id));
    await ex.idle();
    // lo-1 had already started when the others arrived; then both "hi" before the rest.
    expect(order).toEqual(["lo-1", "hi-1", "hi-2", "lo-2", "lo-3"]);
  });
});

describe("InProcessExecutor limits", () => {
  it("keeps slots free for other events when one kind hits its limit", async () => {
    let running = 0;
    let peak = 0;
    let ledgerRan = false;
    const release: (() => void)[] = [];
    const ex = new InProcessExecutor(
      {
        "sync/task.created": () =>
          new Promise<void>((r) => {
            peak = Math.max(peak, ++running);
            release.push(() => {
              running--;
              r();
            });
          }),
        "ledger/event.received": async () => {
          ledgerRan = true;
        },
      },
      { concurrency: 4, limits: { "sync/task.created": 2 } },
    );
    for (let i = 0; i < 5; i++)
      ex.enqueue({
        name: "sync/task.created",
        id: `t${i}`,
        data: { taskId: `t${i}`, customerId: `c${i}` },
      });
    const ledgerDone = new Promise<void>((resolve) => {
      ex.enqueue(event("l1"));
      const check = setInterval(() => {
        if (release.length === 2) {
          clearInterval(check);
          resolve();
        }
      }, 1);
    });
    await ledgerDone;
    await new Promise((r) => setTimeout(r, 10));
    // Two sync tasks hang at their limit; the ledger event still ran beside them.
    expect(peak).toBe(2);
    expect(ledgerRan).toBe(true);
    while (release.length) release.shift()!();
    await new Promise((r) => setTimeout(r, 10));
    while (release.length) release.shift()!();
    await new Promise((r) => setTimeout(r, 10));
    while (release.length) release.shift()!();
    await ex.idle();
    expect(peak).toBe(2);
  });

  it("starts fewer side effects while state changes wait, and all of them once it is quiet", async () => {
    let syncRunning = 0;
    let peakWhileLedger = 0;
    let peakAlone = 0;
    let ledgerRunning = 0;
    const ex = new InProcessExecutor(
      {
        "sync/task.created": async () => {
          syncRunning++;
          if (ledgerRunning > 0) peakWhileLedger = Math.max(peakWhileLedger, syncRunning);
          else peakAlone = Math.max(peakAlone, syncRunning);
          await new Promise((r) => setTimeout(r, 5));
          syncRunning--;
        },
        "ledger/event.received": async () => {
          ledgerRunning++;
          await new Promise((r) => setTimeout(r, 20));
          ledgerRunning--;
        },
      },
      {
        concurrency: 8,
        limits: { "sync/task.created": 4 },
        busyLimits: [{ name: "sync/task.created", whileBusy: "ledger/event.received", limit: 1 }],
      },
    );
    ex.enqueue(event("l1"));
    for (let i = 0; i < 12; i++)
      ex.enqueue({
        name: "sync/task.created",
        id: `t${i}`,
        data: { taskId: `t${i}`, customerId: `c${i}` },
      });
    await ex.idle();
    expect(peakWhileLedger).toBe(1);
    expect(peakAlone).toBe(4);
  });
});
