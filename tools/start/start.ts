// `npm start`: the production layout on one machine. With WORKERS=n (n ≥ 1) the web process
// (`next start`, arguments passed through, e.g. -p 3000) only verifies, records and hands off
// (PROCESS_ROLE=web) and n worker processes process the ledger and run the syncs
// (tools/start/worker.ts). Default WORKERS=0: one process serves and processes, which measured
// better on a 2-core machine (BENCHMARKS.md, "Web and worker processes"). With Inngest
// configured, the web process alone (Inngest calls /api/inngest to process).
// Workers run at a lower CPU priority (WORKER_NICE, default 10), so the web process answers
// first. A worker that dies is started again (1 s, doubling to 30 s); when the web process exits,
// everything stops with its exit code. SIGTERM/SIGINT reach every process.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { executorMode } from "@/lib/jobs/mode";

const require = createRequire(import.meta.url);
const { INNGEST_EVENT_KEY, INNGEST_DEV } = process.env;
const inngest = executorMode({ INNGEST_EVENT_KEY, INNGEST_DEV }) === "inngest";
const workers = inngest ? 0 : Number(process.env.WORKERS ?? 0);
if (!Number.isInteger(workers) || workers < 0 || workers > 64) {
  console.error("WORKERS: must be a whole number from 0 to 64");
  process.exit(1);
}
// Workers yield the CPU to the web process: on a machine both share, a burst of processing
// must not slow the answers to webhooks (measured: p50 ~90 ms instead of ~30 ms without it).
const workerNice = Number(process.env.WORKER_NICE ?? 10);
if (!Number.isInteger(workerNice) || workerNice < 0 || workerNice > 19) {
  console.error("WORKER_NICE: must be a whole number from 0 to 19");
  process.exit(1);
}

const children = new Set<ChildProcess>();
let stopping = false;

const web = spawn(
  process.execPath,
  [require.resolve("next/dist/bin/next"), "start", ...process.argv.slice(2)],
  { stdio: "inherit", env: { ...process.env, PROCESS_ROLE: workers ? "web" : "all" } },
);
children.add(web);
web.on("exit", (code, signal) => {
  children.delete(web);
  stopping = true;
  for (const c of children) c.kill("SIGTERM");
  const done = () => process.exit(code ?? (signal ? 1 : 0));
  if (!children.size) done();
  else setTimeout(done, 12_000).unref();
  for (const c of children) c.on("exit", () => children.size === 0 && done());
});

function startWorker(index: number, failures = 0): void {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("./worker.ts", import.meta.url))],
    {
      stdio: "inherit",
      env: {
        ...process.env,
        PROCESS_ROLE: "worker",
        WORKER_INDEX: String(index),
        WORKER_COUNT: String(workers),
      },
    },
  );
  children.add(child);
  if (child.pid && workerNice) {
    try {
      os.setPriority(child.pid, workerNice);
    } catch (e) {
      console.error(`worker ${index}: could not lower its priority (${String(e)})`);
    }
  }
  child.on("exit", (code, signal) => {
    children.delete(child);
    if (stopping) return;
    const again = Date.now() - started > 60_000 ? 0 : failures + 1;
    const delay = Math.min(30_000, 1000 * 2 ** Math.max(0, again - 1));
    console.error(
      `worker ${index} exited (${signal ?? code}); starting it again in ${delay / 1000} s`,
    );
    setTimeout(() => startWorker(index, again), delay);
  });
}
for (let i = 0; i < workers; i++) startWorker(i);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    stopping = true;
    for (const c of children) c.kill(signal);
  });
}
