// Everything around the server under test: a fresh database with the migrations applied,
// the connector fakes, the SMTP capture, and the environment pointing the server at them.
import { execFileSync } from "node:child_process";
import pg from "pg";
import { startDemoFakes } from "@/dev/demo-fakes";
import { startMailCapture } from "@/fakes/mail-capture";
import { databaseNamed, sleep } from "@/tools/bench/harness";
import { recreateDatabase } from "@/dev/local-database";

export const BENCH_STRIPE_SECRET = "whsec_bench_launch_ready_local";

export type Stack = Awaited<ReturnType<typeof startStack>>;

/** Applies the migrations to `databaseUrl` (which must exist and be empty). */
export function migrate(databaseUrl: string): void {
  execFileSync(process.execPath, ["prisma/cli.mjs", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: "ignore",
  });
}

const templates = new Map<string, Promise<string>>();

/**
 * Drops and recreates `databaseUrl` with the migrations applied. Migrating takes ~12 s, so
 * it runs once per bench into `<name>_template`, and each run's database is a copy of it.
 */
export async function freshDatabase(databaseUrl: string, templateOf: string): Promise<void> {
  const templateUrl = databaseNamed(templateOf, "template");
  if (!templates.has(templateUrl)) {
    templates.set(
      templateUrl,
      recreateDatabase(templateUrl).then(() => {
        migrate(templateUrl);
        return new URL(templateUrl).pathname.slice(1);
      }),
    );
  }
  const template = await templates.get(templateUrl)!;
  await recreateDatabase(databaseUrl, template);
}

/**
 * Starts the fakes (random ports) and the mail capture, and builds the server's env.
 * `extraEnv` overrides (e.g. shorter sync timeouts for a fault run).
 */
export async function startStack(opts: {
  databaseUrl: string;
  port: number;
  extraEnv?: Record<string, string>;
}) {
  const fakes = await startDemoFakes({ ports: { hubspot: 0, zendesk: 0, app: 0 } });
  const mail = await startMailCapture({ smtpPort: 0 });
  const base = `http://127.0.0.1:${opts.port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...fakes.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: opts.databaseUrl,
    DATABASE_POOL_SIZE: "10",
    NEXTAUTH_URL: base,
    NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-0000",
    SMTP_URL: mail.smtpUrl,
    STRIPE_WEBHOOK_SECRET: BENCH_STRIPE_SECRET,
    OPS_API_TOKEN: "bench-ops-api-token-0123456789abcdef",
    LOG_LEVEL: "warn",
    INNGEST_EVENT_KEY: "",
    INNGEST_DEV: "",
    ...opts.extraEnv,
  };
  return {
    fakes,
    mail,
    env,
    base,
    async stop() {
      await fakes.stop();
      await mail.stop();
    },
  };
}

/**
 * A small pg pool for the bench's own counting queries: a pool (not one client) so the
 * bench survives its database being restarted under it.
 */
export async function connect(databaseUrl: string) {
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  db.on("error", () => undefined);
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await db.query<{ n: string }>(sql, params)).rows[0].n);
  return Object.assign(db, { count });
}

export type BenchDb = Awaited<ReturnType<typeof connect>>;

/** Work the server still owes: sync tasks not finished, ledger rows not processed. */
export async function openWork(db: BenchDb): Promise<number> {
  return (
    (await db.count(
      `SELECT count(*) AS n FROM "SyncTask" WHERE status IN ('pending','running','failed')`,
    )) +
    (await db.count(
      `SELECT count(*) AS n FROM "LedgerEvent" WHERE status IN ('received','processing','failed')`,
    ))
  );
}

/** Waits until no work is open (polling every second); returns the ms it took and whether it did. */
export async function waitForDrain(
  db: BenchDb,
  timeoutMs: number,
): Promise<{ ms: number; drained: boolean }> {
  const t = performance.now();
  while (performance.now() - t < timeoutMs) {
    const open = await openWork(db).catch(() => Infinity);
    if (open === 0) return { ms: performance.now() - t, drained: true };
    await sleep(1000);
  }
  return { ms: performance.now() - t, drained: (await openWork(db)) === 0 };
}
