import {
  ConnectorError,
  type Connector,
  type CustomerSnapshot,
  type SyncTarget,
  type SyncTaskInput,
} from "@/lib/integrations/connector/types";

type Behaviour = "ok" | "retryable" | "permanent" | "hang" | { retryAfterMs: number };

/**
 * An in-process Connector for exercising the runner's bookkeeping (claims, retries, dead
 * letters) without HTTP. Connector behaviour over real HTTP is tested against the fakes
 * in test/fakes.
 */
export function recordingConnector(
  target: SyncTarget,
  script: Behaviour[] = [],
  notConfigured: string | null = null,
) {
  const calls: { task: SyncTaskInput; customer: CustomerSnapshot }[] = [];
  const connector: Connector = {
    target,
    notConfiguredReason: () => notConfigured,
    async perform(task, customer, signal) {
      calls.push({ task, customer });
      const b = script.shift() ?? "ok";
      if (b === "ok") return { externalRef: `ref-${calls.length}`, detail: "done" };
      if (b === "retryable") throw new ConnectorError("503 from upstream", "retryable");
      if (b === "permanent") throw new ConnectorError("400 invalid email", "permanent");
      if (b === "hang") {
        return new Promise((_, reject) =>
          signal.addEventListener("abort", () => reject(new Error("aborted"))),
        );
      }
      throw new ConnectorError("429 slow down", "retryable", b.retryAfterMs);
    },
  };
  return { connector, calls };
}
