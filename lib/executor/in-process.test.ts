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
