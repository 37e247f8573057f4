import { countWebhookRejection } from "@/lib/metrics/webhook-rejections";
import { WebhookRejected } from "@/lib/webhooks/http-error";

export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/** Reads the raw body (verification needs the exact bytes), refusing anything over 1 MB. */
export async function readRawBody(req: Request): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_WEBHOOK_BYTES) throw new WebhookRejected("Body larger than 1 MB", 413);
  const raw = await req.text();
  if (Buffer.byteLength(raw) > MAX_WEBHOOK_BYTES)
    throw new WebhookRejected("Body larger than 1 MB", 413);
  return raw;
}

/** The correlation id that follows this request through every log line and task. */
export function correlationIdOf(req: Request): string {
  const given = req.headers.get("x-correlation-id");
  return given && /^[A-Za-z0-9._-]{8,100}$/.test(given) ? given : crypto.randomUUID();
}

/** The 4xx answer to a rejected webhook; counted, since nothing about it reaches the database. */
export function rejectionResponse(
  e: WebhookRejected,
  correlationId: string,
  source: string,
): Response {
  countWebhookRejection(source, e.status);
  return Response.json({ error: e.message, correlationId }, { status: e.status });
}
