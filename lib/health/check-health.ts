import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { inProcessExecutor, resumeSweepRunning } from "@/lib/jobs/dispatch";
import { executorMode } from "@/lib/jobs/mode";
import { connectorHealth, type ConnectorHealth } from "@/lib/health/connector-health";
import { syncDeps } from "@/lib/workflows/handlers";

export type Health = {
  status: "ok" | "degraded";
  database: { status: "ok" | "down"; latencyMs?: number; error?: string };
  executor: {
    mode: ReturnType<typeof executorMode>;
    /** all: this process serves and processes; web: it hands off to worker processes. */
    role: "all" | "web" | "worker";
    /** In-process mode: what this process holds and whether its resume sweep runs. */
    inProcess?: { queued: number; running: number; scheduledRetries: number; sweep: boolean };
  };
  /** Per sync connector; absent when the database is down. */
  connectors?: ConnectorHealth[];
};

/**
 * Checks what the dashboard needs to work: database, executor, each connector. Never
 * includes a secret, a token or a connection string (connector reasons name variables only).
 * A dead or failing connector does not make the status degraded: the dashboard still works,
 * and alerts report it.
 */
export async function checkHealth(): Promise<Health> {
  const started = performance.now();
  let database: Health["database"];
  try {
    await db.$queryRaw`SELECT 1`;
    database = { status: "ok", latencyMs: Math.round(performance.now() - started) };
  } catch {
    database = { status: "down", error: "database unreachable" };
  }
  const mode = executorMode(env);
  const role = env.PROCESS_ROLE;
  const executor: Health["executor"] =
    mode === "in-process" && role !== "web"
      ? { mode, role, inProcess: { ...inProcessExecutor().stats(), sweep: resumeSweepRunning() } }
      : { mode, role };
  let connectors: ConnectorHealth[] | undefined;
  if (database.status === "ok") {
    connectors = await connectorHealth(db, syncDeps().connectors).catch(() => undefined);
  }
  return {
    status: database.status === "ok" ? "ok" : "degraded",
    database,
    executor,
    ...(connectors ? { connectors } : {}),
  };
}

/** What anyone may read: up/down per component, nothing a stranger could learn from. */
export type PublicHealth = {
  status: Health["status"];
  database: { status: "ok" | "down" };
  executor: { status: "ok" };
  /** up; down while an error stands (newer than the last success); off when not configured. */
  connectors?: { target: ConnectorHealth["target"]; status: "up" | "down" | "off" }[];
};

function connectorStatus(c: ConnectorHealth): "up" | "down" | "off" {
  const standing = c.lastError && (!c.lastSuccessAt || c.lastError.at > c.lastSuccessAt);
  if (standing) return "down";
  return c.configured ? "up" : "off";
}

/**
 * The public answer of /api/health: no provider error bodies, no configuration reasons,
 * no executor internals (those need the metrics token or a session).
 */
export function publicHealth(h: Health): PublicHealth {
  return {
    status: h.status,
    database: { status: h.database.status },
    executor: { status: "ok" },
    ...(h.connectors
      ? { connectors: h.connectors.map((c) => ({ target: c.target, status: connectorStatus(c) })) }
      : {}),
  };
}
