// Fault scenario: SIGKILL of the server (every process of `next start`) in the middle of a
// load run, deliveries keep coming (and fail, so the provider retries them), then a restart
// on the same database. Every 2xx'd event must end processed exactly once.
import {
  check,
  databaseNamed,
  fmtMs,
  sleep,
  type BenchOptions,
  type PartResult,
} from "@/tools/bench/harness";
import { runScenario, type ScenarioSize } from "@/tools/bench/faults/scenario";
import { statusList, summarize } from "@/tools/bench/provider-load";
import { freshDatabase } from "@/tools/bench/stack";

export async function runKillServer(
  o: BenchOptions,
  size: ScenarioSize,
  downMs: number,
): Promise<PartResult> {
  const databaseUrl = databaseNamed(o.database, "kill");
  return runScenario(o, {
    title: "kill -9 of the server mid-run",
    databaseUrl,
    createDatabase: () => freshDatabase(databaseUrl, o.database),
    size,
    drainTimeoutMs: 400_000,
    async during({ load, server, restartServer }) {
      await sleep((size.seconds * 1000) / 2);
      const killedAt = load.now();
      const ackedBefore = [...load.events.values()].filter((e) => e.ackedAt !== null).length;
      const victims = await server().kill9();
      const goneAt = load.now();
      o.log(`kill -9: killed ${victims.map((v) => `${v.pid} (${v.comm})`).join(", ")}`);
      await sleep(downMs);
      const restartAt = load.now();
      const next = await restartServer();
      const upAt = load.now();
      // Deliveries sent before the new process was even spawned: nobody could store them.
      const during = summarize(load, (d) => d.start >= killedAt && d.start < restartAt);
      return {
        lines: [
          `- SIGKILL at ${fmtMs(killedAt)} (${ackedBefore} events acknowledged by then) to the whole process group: ${victims.map((v) => `pid ${v.pid} \`${v.comm}\``).join(", ")}; all gone ${fmtMs(goneAt - killedAt)} later. Restarted ${fmtMs(restartAt - killedAt)} after the kill (pid ${next.pid}), healthy after ${fmtMs(upAt - restartAt)}.`,
          `- While down: ${during.deliveries} deliveries, answers: ${statusList(during.byStatus)} (retried later by the load generator).`,
        ],
        checks: [
          check(
            "the server really died (no process of the group left)",
            victims.length > 0,
            `${victims.length} process(es) killed`,
          ),
          check(
            "no 2xx while the server was down",
            during.ok === 0,
            `${during.ok} 2xx among ${during.deliveries} deliveries`,
          ),
        ],
      };
    },
  });
}
