// A worker process: `npm start` (tools/start/start.ts) runs WORKERS of these beside the web
// process. Also runnable alone on another machine against the same database:
//   PROCESS_ROLE=worker WORKER_INDEX=0 WORKER_COUNT=1 node --import tsx tools/start/worker.ts
import { loadEnv } from "@/lib/env";

process.env.PROCESS_ROLE ??= "worker";
try {
  loadEnv(process.env);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
const { startWorker } = await import("@/lib/jobs/worker");
const stop = await startWorker();
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void stop().finally(() => process.exit(0));
  });
}
