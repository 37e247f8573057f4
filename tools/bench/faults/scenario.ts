// What every fault scenario shares: a fresh database, the fakes, the production server, a
// provider-style load, and the report (deliveries, retries, drain, exactly-once checks).
import {
  checkLines,
  fmtMs,
  type BenchOptions,
  type Check,
  type PartResult,
} from "@/tools/bench/harness";
import {
  createProviderLoad,
  statusList,
  summarize,
  type ProviderLoad,
} from "@/tools/bench/provider-load";
import { startNextServer, type NextServer } from "@/tools/bench/server";
import {
  BENCH_STRIPE_SECRET,
  connect,
  startStack,
  waitForDrain,
  type BenchDb,
  type Stack,
} from "@/tools/bench/stack";
import { verifyExactlyOnce } from "@/tools/bench/verify";

/**
 * Sync settings of the fault runs: a hung connector call is abandoned after 3 s and
 * retries back off from 0.5 s, so a run drains in minutes (production defaults: 10 s, 2 s).
 */
export const FAULT_RUN_ENV = { SYNC_CALL_TIMEOUT_MS: "3000", SYNC_BACKOFF_BASE_MS: "500" };

export type ScenarioSize = { rate: number; seconds: number };

export type ScenarioContext = {
  stack: Stack;
  db: BenchDb;
  load: ProviderLoad;
  /** The server now running (replaced when a scenario restarts it). */
  server: () => NextServer;
  /** Starts a new server process on the same port, database and fakes. */
  restartServer: () => Promise<NextServer>;
};

export type ScenarioOutcome = { lines: string[]; checks: Check[] };

/**
 * Runs one scenario: `prepare` before the server starts (e.g. fault settings), `during`
 * concurrently with the load (the fault itself), `after` once drained (extra checks).
 */
export async function runScenario(
  o: BenchOptions,
  spec: {
    title: string;
    databaseUrl: string;
    /** Creates the scenario's database, empty but migrated. */
    createDatabase: () => Promise<void>;
    size: ScenarioSize;
    drainTimeoutMs: number;
    prepare?: (stack: Stack, db: BenchDb) => Promise<void>;
    during?: (ctx: ScenarioContext) => Promise<ScenarioOutcome>;
    after?: (ctx: ScenarioContext) => Promise<ScenarioOutcome>;
  },
): Promise<PartResult> {
  await spec.createDatabase();
  const stack = await startStack({
    databaseUrl: spec.databaseUrl,
    port: o.port,
    extraEnv: FAULT_RUN_ENV,
  });
  const db = await connect(spec.databaseUrl);
  let server: NextServer | null = null;
  try {
    await spec.prepare?.(stack, db);
    server = startNextServer(o.port, stack.env);
    await server.waitHealthy();
    const load = createProviderLoad({
      url: `${stack.base}/api/webhooks/stripe`,
      secret: BENCH_STRIPE_SECRET,
      rate: spec.size.rate,
      seconds: spec.size.seconds,
    });
    const ctx: ScenarioContext = {
      stack,
      db,
      load,
      server: () => server!,
      restartServer: async () => {
        server = startNextServer(o.port, stack.env);
        await server.waitHealthy();
        return server;
      },
    };
    o.log(`${spec.title}: ${spec.size.rate} events/s for ${spec.size.seconds} s`);
    const [, during] = await Promise.all([load.run(), spec.during?.(ctx)]);
    const loadDone = load.now();
    o.log(
      `${spec.title}: load and fault phase done at ${(loadDone / 1000).toFixed(1)} s; waiting for drain`,
    );
    const drain = await waitForDrain(db, spec.drainTimeoutMs);
    const after = await spec.after?.(ctx);
    const checks = [
      ...(during?.checks ?? []),
      {
        name: "drained",
        ok: drain.drained,
        detail: `${(drain.ms / 1000).toFixed(1)} s after the load ended (limit ${spec.drainTimeoutMs / 1000} s)`,
      },
      ...(await verifyExactlyOnce(db, stack, load)),
      ...(after?.checks ?? []),
    ].map((c) => ({ ...c, name: `${spec.title}: ${c.name}` }));
    o.log(`${spec.title}: ${checks.filter((c) => c.ok).length} of ${checks.length} checks passed`);
    const s = summarize(load);
    const lines = [
      `### ${spec.title}`,
      "",
      `- Load: ${spec.size.rate} new events/s for ${spec.size.seconds} s (10 % duplicate deliveries), redelivered after a non-2xx or a 10 s timeout (0.5 s, 1 s, 2 s, … up to 5 s apart).`,
      `- Events ${s.uniqueEvents}; deliveries ${s.deliveries} (${s.retries} retries, at most ${s.maxAttempts} attempts for one event); answers: ${statusList(s.byStatus)}; latency p50 ${fmtMs(s.p50)}, p99 ${fmtMs(s.p99)}, max ${fmtMs(s.maxMs)}.`,
      ...(during?.lines ?? []),
      `- Last event acknowledged ${fmtMs(Math.max(0, ...[...load.events.values()].map((e) => e.ackedAt ?? 0)))} after the start; work drained ${(drain.ms / 1000).toFixed(1)} s after the load ended.`,
      ...(after?.lines ?? []),
      `- Peak server RSS: ${server!.peakRssMb().toFixed(0)} MB.`,
      "",
      ...checkLines(checks),
      "",
    ];
    return { lines, checks };
  } finally {
    await db.end().catch(() => undefined);
    await server?.stop();
    await stack.stop();
  }
}
