import { beforeEach, describe, expect, it } from "vitest";
import { authorizeReadApi } from "@/lib/api/read-api-auth";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { createApiToken, hashToken, listApiTokens, revokeApiToken } from "./api-tokens";

const founder = { id: "u_f", email: "f@example.com" };
const OPS = "test-ops-token-0123456789abcdef";
const req = (token?: string) =>
  new Request("http://x/api/v1/customers", {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

beforeEach(resetDatabase);

describe("API tokens", () => {
  it("stores only a SHA-256 hash, is accepted by the read API, records last use, and stops working when revoked", async () => {
    const { id, token } = await createApiToken(db, founder, "Mobile app");
    const row = await db.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(JSON.stringify(await listApiTokens(db))).not.toContain(row.tokenHash);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "token.create" } });
    expect(JSON.stringify(audit)).not.toContain(token);

    expect(row.lastUsedAt).toBeNull();
    expect(await authorizeReadApi(db, req(token), OPS)).toBe(true);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();

    expect(await revokeApiToken(db, founder, id)).toBe(true);
    expect(await revokeApiToken(db, founder, id)).toBe(false);
    expect(await db.auditLog.count({ where: { action: "token.revoke" } })).toBe(1);
    expect(await authorizeReadApi(db, req(token), OPS)).toBe(false);
  });

  it("the read API still accepts OPS_API_TOKEN and refuses anything else", async () => {
    expect(await authorizeReadApi(db, req(OPS), OPS)).toBe(true);
    expect(await authorizeReadApi(db, req(), OPS)).toBe(false);
    expect(await authorizeReadApi(db, req("lr_madeup"), OPS)).toBe(false);
  });
});
