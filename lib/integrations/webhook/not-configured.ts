/** 503 for a webhook route whose secret is not set: nothing is read or written. */
export function notConfiguredResponse(source: string, correlationId: string): Response {
  return Response.json(
    { error: `${source} webhooks are not configured`, correlationId },
    { status: 503 },
  );
}
