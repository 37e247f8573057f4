// GET /api/metrics — Prometheus text format, behind Authorization: Bearer $METRICS_TOKEN
import { hasBearerToken, unauthorized } from "@/lib/api/bearer";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { PROMETHEUS_CONTENT_TYPE, renderPrometheusMetrics } from "@/lib/metrics/prometheus";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  const token = env.METRICS_TOKEN;
  if (!token) return Response.json({ error: "METRICS_TOKEN is not configured" }, { status: 503 });
  if (!hasBearerToken(req, token)) return unauthorized();
  const body = await renderPrometheusMetrics(db);
  return new Response(body, {
    headers: { "content-type": PROMETHEUS_CONTENT_TYPE, "cache-control": "no-store" },
  });
}
