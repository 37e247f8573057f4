// GET /api/health — database, executor and each sync connector (never a secret)
import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const health = await checkHealth();
  return Response.json(health, { status: health.status === "ok" ? 200 : 503 });
}
