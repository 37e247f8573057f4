import type { Db } from "@/lib/db";
import { hasBearerToken } from "@/lib/api/bearer";
import { verifyApiToken } from "@/lib/tokens/api-tokens";

function bearerOf(req: Request): string | null {
  const match = /^Bearer\s+(.+)$/i.exec((req.headers.get("authorization") ?? "").trim());
  return match ? match[1] : null;
}

/**
 * The read API's one check: `Authorization: Bearer` with OPS_API_TOKEN, or an unrevoked
 * token created on the settings page (its lastUsedAt is updated).
 */
export async function authorizeReadApi(
  db: Db,
  req: Request,
  opsApiToken: string,
): Promise<boolean> {
  if (hasBearerToken(req, opsApiToken)) return true;
  const token = bearerOf(req);
  return token ? verifyApiToken(db, token) : false;
}
