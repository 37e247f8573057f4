// A throwaway Postgres cluster the bench may stop and start at will (never the shared one):
// initdb into a temp dir, trust auth, its own port. Run as user postgres when we are root.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/** Postgres' bin directory: PG_BIN_DIR, else the newest Debian-style install. */
function pgBin(name: string): string {
  const installed = existsSync("/usr/lib/postgresql")
    ? readdirSync("/usr/lib/postgresql")
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => `/usr/lib/postgresql/${v}/bin`)
    : [];
  const dir = [process.env.PG_BIN_DIR, ...installed].find(
    (d) => d && existsSync(path.join(d, name)),
  );
  if (!dir) throw new Error(`${name} not found (set PG_BIN_DIR to Postgres' bin directory)`);
  return path.join(dir, name);
}

export type PrivatePostgres = {
  url: (database: string) => string;
  /** `pg_ctl stop -m immediate`: like a crash or a pulled cable, no clean shutdown. */
  stop: () => Promise<void>;
  start: () => Promise<void>;
  destroy: () => Promise<void>;
};

export async function startPrivatePostgres(port: number): Promise<PrivatePostgres> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "lr-bench-pg-"));
  const data = path.join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  // Asynchronous: the load generator must keep its schedule while Postgres stops and starts.
  const run = async (bin: string, args: string[]) => {
    await promisify(execFile)(
      asRoot ? "runuser" : bin,
      asRoot ? ["-u", "postgres", "--", bin, ...args] : args,
      { cwd: dir },
    );
  };
  await run(pgBin("initdb"), [
    "-D",
    data,
    "-U",
    "postgres",
    "--auth=trust",
    "-E",
    "UTF8",
    "--no-sync",
  ]);
  const start = () =>
    run(pgBin("pg_ctl"), [
      "-D",
      data,
      "-l",
      path.join(dir, "postgres.log"),
      "-w",
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
      "start",
    ]);
  await start();
  return {
    url: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    stop: () => run(pgBin("pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]),
    start,
    async destroy() {
      try {
        await run(pgBin("pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates `name` on the private cluster. */
export async function createDatabaseOn(cluster: PrivatePostgres, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: cluster.url("postgres") });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
}
