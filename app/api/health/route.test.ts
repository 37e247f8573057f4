import { describe, expect, it } from "vitest";
import { GET } from "./route";

describe("GET /api/health", () => {
  it("reports the database as ok and the executor mode, without secrets", async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      status: "ok",
      database: { status: "ok" },
      executor: { mode: "in-process" },
    });
    expect(JSON.stringify(body)).not.toMatch(/postgres(ql)?:\/\//);
  });
});
