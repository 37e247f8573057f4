// GET /api/health — up/down per component for anyone; details (executor, connector
// configuration, last provider error) only with Bearer $METRICS_TOKEN or a signed-in session
import { hasBearerToken } from "@/lib/api/bearer";
import { currentActor } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { checkHealth, publicHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

/** The metrics token (works with the database down too) or any signed-in user. */
async function mayReadDetails(req: Request, databaseUp: boolean): Promise<boolean> {
  const token = env.METRICS_TOKEN;
  if (token && hasBearerToken(req, token)) return true;
  if (!databaseUp) return false;
  return (await currentActor().catch(() => null)) !== null;
}

export async function GET(req: Request): Promise<Response> {
  const health = await checkHealth();
  const details = await mayReadDetails(req, health.database.status === "ok");
  return Response.json(details ? health : publicHealth(health), {
    status: health.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
