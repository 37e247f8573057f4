import { beforeEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/live/route";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";

const session = vi.hoisted(() => ({ email: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (session.email ? { user: { email: session.email } } : null),
}));

const get = (query: string, signal?: AbortSignal) =>
  GET(new Request(`http://x/api/live?${query}`, { signal }), undefined);

beforeEach(async () => {
  await resetDatabase();
  await db.user.create({ data: { email: "staff@example.com", role: "staff" } });
  session.email = null;
});

describe("GET /api/live", () => {
  it("answers 401 signed out and 400 for an unknown topic, before any stream opens", async () => {
    expect((await get("topics=customer")).status).toBe(401);
    session.email = "staff@example.com";
    expect((await get("topics=customer,passwords")).status).toBe(400);
  });

  it("streams server-sent events to a signed-in person, starting with the badge counts", async () => {
    session.email = "staff@example.com";
    const abort = new AbortController();
    const res = await get("topics=customer,exception", abort.signal);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    let text = "";
    while (!text.includes("event: counts"))
      text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('"approvals":0');
    abort.abort();
    await reader.cancel();
  });
});
