import pino, { type DestinationStream } from "pino";
import { redact, redactText } from "@/lib/redact";

/**
 * Builds a logger with the app's redaction: every field and message passes through it,
 * so emails, tokens, secrets and card data never reach a log line. `destination` defaults
 * to stdout (tests pass a stream to read what would have been written).
 */
export function createLogger(
  opts: { destination?: DestinationStream; level?: string } = {},
): pino.Logger {
  const options: pino.LoggerOptions = {
    level: opts.level ?? process.env.LOG_LEVEL ?? "info",
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
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}

/**
 * Structured JSON logs on stdout. Pass `correlationId` in child loggers so one webhook can
 * be followed through every step.
 */
export const log = createLogger();

export type Logger = typeof log;
