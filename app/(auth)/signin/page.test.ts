// The sign-in page: one answer for every address, a clear word when rate limited, and a
// signed-in visitor goes straight to where they were headed (same-origin paths only).
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import SignInPage from "./page";

const session = vi.hoisted(() => ({ email: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (session.email ? { user: { email: session.email } } : null),
}));

const render = async (params: Record<string, string>) =>
  renderToStaticMarkup(await SignInPage({ searchParams: Promise.resolve(params) }));
const redirectOf = (params: Record<string, string>) =>
  SignInPage({ searchParams: Promise.resolve(params) }).then(
    () => null,
    (e: { digest?: string }) => e.digest ?? String(e),
  );

beforeAll(async () => {
  await resetDatabase();
  await db.user.create({ data: { email: "in@example.com", role: "staff" } });
});

describe("/signin", () => {
  it("never says whether an address has an account", async () => {
    session.email = null;
    const sent = await render({ sent: "1" });
    expect(sent).toContain("Check your email");
    expect(sent).toContain("If that address has an account");
    const denied = await render({ error: "AccessDenied" });
    expect(denied).not.toMatch(/no account/i);
    expect(await render({ error: "RateLimited" })).toContain("Too many sign-in links");
  });

  it("sends a signed-in visitor to the callback (same-origin only) or to /", async () => {
    session.email = "in@example.com";
    expect(await redirectOf({ callbackUrl: "/ledger/evt_1?tab=raw" })).toMatch(
      /;\/ledger\/evt_1\?tab=raw;/,
    );
    expect(await redirectOf({ callbackUrl: "https://evil.example/" })).toMatch(/;\/;/);
    expect(await redirectOf({})).toMatch(/;\/;/);
  });

  it("shows the form to a signed-out visitor and keeps the deep link for the request", async () => {
    session.email = null;
    expect(await redirectOf({ callbackUrl: "/customers?access=blocked" })).toBeNull();
    const html = await render({ callbackUrl: "/customers?access=blocked" });
    expect(html).toContain("Email me a sign-in link");
  });
});
