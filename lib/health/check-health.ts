import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { executorMode } from "@/lib/executor/mode";

export type Health = {
  status: "ok" | "degraded";
  database: { status: "ok" | "down"; latencyMs?: number; error?: string };
  executor: { mode: ReturnType<typeof executorMode> };
};

/** Checks what the dashboard needs to work; never includes a secret or a connection string. */
export async function checkHealth(): Promise<Health> {
  const started = performance.now();
  let database: Health["database"];
  try {
    await db.$queryRaw`SELECT 1`;
    database = { status: "ok", latencyMs: Math.round(performance.now() - started) };
  } catch {
    database = { status: "down", error: "database unreachable" };
  }
  return {
    status: database.status === "ok" ? "ok" : "degraded",
    database,
    executor: { mode: executorMode(env) },
  };
}
