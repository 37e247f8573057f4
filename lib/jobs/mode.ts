export type ExecutorMode = "inngest" | "in-process";

/**
 * Inngest runs the workflows when it is configured: an event key (Inngest Cloud or a
 * self-hosted server) or INNGEST_DEV pointing at a dev server. Otherwise they run in-process.
 */
export function executorMode(cfg: {
  INNGEST_EVENT_KEY?: string;
  INNGEST_DEV?: string;
}): ExecutorMode {
  if (cfg.INNGEST_EVENT_KEY) return "inngest";
  if (cfg.INNGEST_DEV && cfg.INNGEST_DEV !== "0" && cfg.INNGEST_DEV !== "false") return "inngest";
  return "in-process";
}
