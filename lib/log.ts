import pino from "pino";
import { redact, redactText } from "@/lib/redact";

/**
 * Structured JSON logs. Every field and message passes through redaction, so emails,
 * tokens, secrets and card data never reach a log line. Pass `correlationId` in child
 * loggers so one webhook can be followed through every step.
 */
export const log = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "launch-ready" },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: {
    level: (label) => ({ level: label }),
    log: (obj) => redact(obj),
  },
  hooks: {
    logMethod(args, method) {
      const cleaned = args.map((a) => (typeof a === "string" ? redactText(a) : a));
      return method.apply(this, cleaned as Parameters<typeof method>);
    },
  },
});

export type Logger = typeof log;
