// The production server under test: `next start` in its own process group, so a SIGKILL
// reaches every process it forked, plus health wait, RSS sampling and a crash detector.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { sleep } from "@/tools/bench/harness";

const require = createRequire(import.meta.url);

function procStat(pid: number): { pgrp: number; comm: string; cpuMs: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // comm is in parentheses and may contain spaces: read the fields after the last ")".
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const fields = stat.slice(close + 2).split(" ");
    if (fields[0] === "Z") return null;
    // utime + stime (fields 14 and 15 of stat), in clock ticks of 10 ms.
    return { pgrp: Number(fields[2]), comm, cpuMs: (Number(fields[11]) + Number(fields[12])) * 10 };
  } catch {
    return null;
  }
}

/** Live processes of one process group, with their names (e.g. "next-server"). */
export function groupProcesses(pgid: number): { pid: number; comm: string }[] {
  const out: { pid: number; comm: string }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const s = procStat(Number(entry));
    if (s && s.pgrp === pgid) out.push({ pid: Number(entry), comm: s.comm });
  }
  return out;
}

/**
 * CPU time used so far (ms) by the processes alive now: the server's process group, Postgres
 * backends, the browser's processes and the rest. Differences between two readings say where
 * the CPU of a stretch went (a process that exited in between is missing from the second).
 */
export function cpuByKind(
  serverPgid: number,
): Record<"server" | "postgres" | "browser" | "other", number> {
  const out = { server: 0, postgres: 0, browser: 0, other: 0 };
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const s = procStat(Number(entry));
    if (!s) continue;
    const kind =
      s.pgrp === serverPgid
        ? "server"
        : s.comm.startsWith("postgres")
          ? "postgres"
          : /chrom|headless/i.test(s.comm)
            ? "browser"
            : "other";
    out[kind] += s.cpuMs;
  }
  return out;
}

/** Resident set size of a process in MB (Linux /proc), 0 if it is gone. */
export function rssMb(pid: number): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

export type NextServer = {
  pid: number;
  base: string;
  /** Peak resident memory of the whole process group so far (MB). */
  peakRssMb: () => number;
  /** Peak resident memory of any one process of the group so far (MB). */
  peakProcessRssMb: () => number;
  /** Whether the group's leader exited on its own (a crash), with its exit code/signal. */
  exited: () => string | null;
  /** Resolves with the ms it took once /api/health answers (any status: the process is up). */
  waitHealthy: (timeoutMs?: number) => Promise<number>;
  /** SIGKILL to every process of the group; resolves with what was killed once all are gone. */
  kill9: () => Promise<{ pid: number; comm: string }[]>;
  /** SIGTERM, then SIGKILL after 5 s; resolves when the group is gone. */
  stop: () => Promise<void>;
};

/**
 * Starts the production server (needs a production build) on `port` with `env`: `next start`
 * alone (one process serves and processes), or with `workers` set, `npm start`'s layout
 * (tools/start/start.ts: a web process that only hands off, plus that many worker processes).
 */
export function startNextServer(
  port: number,
  env: NodeJS.ProcessEnv,
  opts: { workers?: number } = {},
): NextServer {
  const args =
    opts.workers === undefined
      ? [require.resolve("next/dist/bin/next"), "start", "-p", String(port)]
      : ["--import", "tsx", "tools/start/start.ts", "-p", String(port)];
  const child: ChildProcess = spawn(process.execPath, args, {
    env: opts.workers === undefined ? env : { ...env, WORKERS: String(opts.workers) },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  const pgid = child.pid!;
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-4000);
  });
  let exit: string | null = null;
  let expectedExit = false;
  child.on("exit", (code, signal) => {
    if (!expectedExit) exit = `exit ${code ?? ""}${signal ?? ""}: ${stderr.trim().slice(-500)}`;
  });
  let peak = 0;
  let peakProcess = 0;
  const sampler = setInterval(() => {
    const each = groupProcesses(pgid).map((p) => rssMb(p.pid));
    peak = Math.max(
      peak,
      each.reduce((n, r) => n + r, 0),
    );
    peakProcess = Math.max(peakProcess, ...each);
  }, 500);
  sampler.unref();
  const base = `http://127.0.0.1:${port}`;

  async function gone(timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (groupProcesses(pgid).length === 0) return true;
      await sleep(50);
    }
    return groupProcesses(pgid).length === 0;
  }

  return {
    pid: pgid,
    base,
    peakRssMb: () => peak,
    peakProcessRssMb: () => peakProcess,
    exited: () => exit,
    async waitHealthy(timeoutMs = 60_000) {
      const t = performance.now();
      while (performance.now() - t < timeoutMs) {
        if (exit) throw new Error(`server exited before it was healthy (${exit})`);
        const up = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2_000) })
          .then(() => true)
          .catch(() => false);
        if (up) return performance.now() - t;
        await sleep(100);
      }
      throw new Error(`server not healthy within ${timeoutMs} ms`);
    },
    async kill9() {
      expectedExit = true;
      const victims = groupProcesses(pgid);
      process.kill(-pgid, "SIGKILL");
      if (!(await gone(10_000))) throw new Error(`process group ${pgid} survived SIGKILL`);
      clearInterval(sampler);
      return victims;
    },
    async stop() {
      expectedExit = true;
      clearInterval(sampler);
      if (groupProcesses(pgid).length === 0) return;
      process.kill(-pgid, "SIGTERM");
      if (!(await gone(5_000))) {
        process.kill(-pgid, "SIGKILL");
        await gone(5_000);
      }
    },
  };
}
