/**
 * Fault injection shared by every fake server. Faults are decided per request, in this
 * order: fixed latency, then the queued one-shot faults (next N calls), then a random
 * failure drawn from a seeded RNG so a soak run is reproducible.
 *
 * Kinds:
 * - "500": answer 500 before doing anything.
 * - "429": answer 429 with Retry-After before doing anything.
 * - "hang": never answer (the client must time out); nothing is applied.
 * - "lost-response": apply the request, then answer 500 — the client cannot know it worked,
 *   which is exactly the case idempotency must cover.
 */
export type FaultKind = "500" | "429" | "hang" | "lost-response";

export type RandomFaults = {
  /** Probability in [0, 1] that a request fails. */
  rate: number;
  seed: number;
  /** Kinds to pick from (uniformly). Default ["500"]. */
  kinds?: FaultKind[];
};

export type FaultState = {
  latencyMs: number;
  /** Retry-After value sent with 429 answers (seconds, or an HTTP-date). */
  retryAfter: string;
  /** One-shot faults for the next requests, in order ("ok" lets one request through). */
  queue: (FaultKind | "ok")[];
  random: (RandomFaults & { next: () => number }) | null;
  /** Every request hangs while true. */
  hangAll: boolean;
};

/** Deterministic PRNG (mulberry32): same seed, same sequence of faults. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type FaultControls = ReturnType<typeof createFaultControls>;

export function createFaultControls() {
  const state: FaultState = {
    latencyMs: 0,
    retryAfter: "1",
    queue: [],
    random: null,
    hangAll: false,
  };
  const counts: Record<FaultKind, number> = { "500": 0, "429": 0, hang: 0, "lost-response": 0 };

  return {
    state,
    /** How many faults of each kind were injected so far. */
    counts,
    /** Adds a fixed delay before every answer. */
    setLatency(ms: number) {
      state.latencyMs = ms;
    },
    /** The next `n` requests answer 500 without doing anything. */
    failNext(n = 1) {
      for (let i = 0; i < n; i++) state.queue.push("500");
    },
    /** The next `n` requests answer 429 with `Retry-After: retryAfter`. */
    rateLimitNext(n = 1, retryAfter: string | number = 1) {
      state.retryAfter = String(retryAfter);
      for (let i = 0; i < n; i++) state.queue.push("429");
    },
    /** The next `n` requests never get an answer. */
    hangNext(n = 1) {
      for (let i = 0; i < n; i++) state.queue.push("hang");
    },
    /** The next `n` requests are applied, but the client gets a 500. */
    loseNextResponses(n = 1) {
      for (let i = 0; i < n; i++) state.queue.push("lost-response");
    },
    /** Exact faults for the next requests, in order; "ok" lets a request through untouched. */
    sequence(kinds: (FaultKind | "ok")[]) {
      state.queue.push(...kinds);
    },
    /** Every request hangs until this is set back to false. */
    hangAll(on = true) {
      state.hangAll = on;
    },
    /** Each request fails with probability `rate`, drawn from an RNG seeded with `seed`. */
    random(opts: RandomFaults | null) {
      state.random = opts ? { ...opts, next: seededRandom(opts.seed) } : null;
    },
    reset() {
      state.latencyMs = 0;
      state.retryAfter = "1";
      state.queue.length = 0;
      state.random = null;
      state.hangAll = false;
      for (const k of Object.keys(counts) as FaultKind[]) counts[k] = 0;
    },
    /** Decides the fault for one request (consumes queued faults and RNG draws). */
    draw(): FaultKind | null {
      let kind: FaultKind | null = null;
      if (state.hangAll) kind = "hang";
      else if (state.queue.length) {
        const next = state.queue.shift()!;
        kind = next === "ok" ? null : next;
      } else if (state.random && state.random.next() < state.random.rate) {
        const kinds = state.random.kinds?.length ? state.random.kinds : (["500"] as FaultKind[]);
        kind = kinds[Math.floor(state.random.next() * kinds.length)];
      }
      if (kind) counts[kind]++;
      return kind;
    },
  };
}
