import { WebhookRejected } from "@/lib/integrations/webhook/http-error";

export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/**
 * Reads the raw body (verification needs the exact bytes). Refuses a body that is not JSON
 * (415) or larger than 1 MB (413) — streaming, so an endless chunked body is cut off at the
 * limit instead of being buffered whole.
 */
export async function readRawBody(req: Request): Promise<string> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new WebhookRejected("Content-Type must be application/json", 415);
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_WEBHOOK_BYTES) throw new WebhookRejected("Body larger than 1 MB", 413);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_WEBHOOK_BYTES) {
      await reader.cancel();
      throw new WebhookRejected("Body larger than 1 MB", 413);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The correlation id that follows this request through every log line and task. */
export function correlationIdOf(req: Request): string {
  const given = req.headers.get("x-correlation-id");
  return given && /^[A-Za-z0-9._-]{8,100}$/.test(given) ? given : crypto.randomUUID();
}

/** Parses a verified body as JSON. Throws WebhookRejected (400) when it is not. */
export function parseJsonBody(rawBody: string): unknown {
  try {
    return JSON.parse(rawBody);
  } catch {
    throw new WebhookRejected("Body is not valid JSON");
  }
}

/** "path message" of a schema's first complaint, for a WebhookRejected message. */
export function firstIssue(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const issue = issues[0];
  return issue ? `${issue.path.join(".")} ${issue.message}` : "invalid";
}
