import { createHash, timingSafeEqual } from "node:crypto";

/** Constant-time check of `Authorization: Bearer <token>` against the expected token. */
export function hasBearerToken(req: Request, expected: string): boolean {
  const header = req.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match) return false;
  const a = createHash("sha256").update(match[1]).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

export function unauthorized(): Response {
  return Response.json(
    { error: "Missing or invalid bearer token" },
    { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="launch-ready"' } },
  );
}
