// Fault scenario: the server's Postgres (a private cluster) stops abruptly mid-run and comes
// back a few seconds later. Intake must answer 5xx quickly while it is down (never 2xx, never
// hang), and the same server process must recover on its own and lose nothing.
import {
  check,
  fmtMs,
  freePort,
  sleep,
  type BenchOptions,
  type PartResult,
} from "@/tools/bench/harness";
import { runScenario, type ScenarioSize } from "@/tools/bench/faults/scenario";
import { statusList, summarize, type Delivery } from "@/tools/bench/provider-load";
import { createDatabaseOn, startPrivatePostgres } from "@/tools/bench/private-postgres";
import { migrate } from "@/tools/bench/stack";

const is2xx = (d: Delivery) => typeof d.status === "number" && d.status >= 200 && d.status < 300;

export async function runPostgresRestart(
  o: BenchOptions,
  size: ScenarioSize,
  downMs: number,
): Promise<PartResult> {
  const cluster = await startPrivatePostgres(await freePort());
  const name = "launchready_bench_pgrestart";
  try {
    return await runScenario(o, {
      title: "Postgres restarted mid-run",
      databaseUrl: cluster.url(name),
      createDatabase: async () => {
        await createDatabaseOn(cluster, name);
        migrate(cluster.url(name));
      },
      size,
      drainTimeoutMs: 400_000,
      async during({ load, server }) {
        await sleep((size.seconds * 1000) / 3);
        const pid = server().pid;
        await cluster.stop();
        const downAt = load.now();
        await sleep(downMs);
        const startAt = load.now();
        await cluster.start();
        const upAt = load.now();
        // Recovered = the first delivery sent after Postgres was back that got a 2xx.
        let recoveredAt = NaN;
        for (let i = 0; i < 600 && Number.isNaN(recoveredAt); i++) {
          const first = load.deliveries
            .filter((d) => d.start >= upAt && is2xx(d))
            .sort((a, b) => a.end - b.end)[0];
          if (first) recoveredAt = first.end;
          else await sleep(100);
        }
        const down = summarize(load, (d) => d.start >= downAt && d.start < startAt);
        const okWhileDown = load.deliveries.filter(
          (d) => d.start >= downAt && d.start < startAt && is2xx(d),
        );
        const only5xx = down.byStatus.every(([s]) => /^5\d\d$/.test(s));
        return {
          lines: [
            `- Postgres (private cluster, \`pg_ctl stop -m immediate\`) stopped at ${fmtMs(downAt)} for ${fmtMs(startAt - downAt)}; accepting connections again ${fmtMs(upAt - startAt)} after \`pg_ctl start\`.`,
            `- While down: ${down.deliveries} deliveries, answers: ${statusList(down.byStatus)}; latency p50 ${fmtMs(down.p50)}, max ${fmtMs(down.maxMs)}.`,
            `- Recovery: first 2xx ${fmtMs(recoveredAt - upAt)} after Postgres was back, same server process (pid ${pid}), no restart.`,
          ],
          checks: [
            check(
              "intake answered only 5xx while Postgres was down",
              down.deliveries > 0 && okWhileDown.length === 0 && only5xx,
              `${down.deliveries} deliveries: ${statusList(down.byStatus)}`,
            ),
            check(
              "no delivery hung while Postgres was down",
              down.maxMs < 10_000,
              `slowest answer ${fmtMs(down.maxMs)}`,
            ),
            check(
              "intake recovered by itself",
              Number.isFinite(recoveredAt) && server().pid === pid && !server().exited(),
              `first 2xx ${fmtMs(recoveredAt - upAt)} after Postgres was back${server().exited() ? `; server exited: ${server().exited()}` : ""}`,
            ),
          ],
        };
      },
    });
  } finally {
    await cluster.destroy();
  }
}
