// The model-based engine test at bench size: more seeded runs of
// lib/billing/engine-model.test.ts than CI's (CI runs seeds 1–34 in each of its six
// configurations; this part runs the seeds after those), in its own Vitest process on a
// database of its own.
import { spawn } from "node:child_process";
import os from "node:os";
import {
  check,
  checkLines,
  databaseNamed,
  type BenchOptions,
  type PartResult,
} from "@/tools/bench/harness";

/** The first seed CI does not run (keep in step with MODEL_RUNS in engine-model.test.ts). */
const FIRST_SEED = 35;

export async function runModelBench(o: BenchOptions): Promise<PartResult> {
  const runs = o.short ? 5 : 100;
  const started = performance.now();
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn("npx", ["vitest", "run", "lib/billing/engine-model.test.ts"], {
      env: {
        ...process.env,
        MODEL_SEED: String(FIRST_SEED),
        MODEL_RUNS: String(runs),
        TEST_DATABASE_URL: databaseNamed(o.database, "model"),
      },
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ code, output }));
  });
  const minutes = (performance.now() - started) / 60_000;
  // One summary line per configuration, printed by the test:
  // "<config>: N runs, E events, D deliveries, R Stripe reads (…), F failed, …"
  const clean = output.replace(/\x1b\[[0-9;]*m/g, "");
  const configs = [
    ...clean.matchAll(
      /^(with(?:out)? a Stripe key[^:]*): (\d+) runs, (\d+) events, (\d+) deliveries, (\d+) Stripe reads \(([^)]*)\), (\d+) failed/gm,
    ),
  ];
  const failed = configs.reduce((n, m) => n + Number(m[7]), 0);
  const total = configs.reduce((n, m) => n + Number(m[2]), 0);
  o.log(`model: ${total} runs in ${minutes.toFixed(1)} min, ${failed} failed (exit ${code})`);
  const checks = [
    check("model: every configuration reported", configs.length === 6, `${configs.length} of 6`),
    check(
      "model: no run differs from the Stripe model",
      failed === 0 && code === 0,
      `${failed} failed runs, vitest exit ${code}`,
    ),
  ];
  return {
    lines: [
      `## Model-based engine runs — ${new Date().toISOString().slice(0, 10)}`,
      "",
      `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}. Seeds ${FIRST_SEED}–${FIRST_SEED + runs - 1} (CI runs 1–${FIRST_SEED - 1}) in each configuration; ${minutes.toFixed(1)} min.`,
      `Command: \`${o.command}\``,
      "",
      "| configuration | runs | events | deliveries | Stripe reads | failed |",
      "| --- | --- | --- | --- | --- | --- |",
      ...configs.map(
        (m) => `| ${m[1]} | ${m[2]} | ${m[3]} | ${m[4]} | ${m[5]} (${m[6]}) | ${m[7]} |`,
      ),
      "",
      ...checkLines(checks),
      ...(failed > 0
        ? [
            "",
            "Failing seeds and their replay commands:",
            "",
            "```",
            ...clean
              .split("\n")
              .filter((l) => /MODEL_SEED=|seed \d+/.test(l))
              .slice(0, 40),
            "```",
          ]
        : []),
    ],
    checks,
  };
}
