// Sign-in through next-auth's real handler (email provider, Prisma adapter, our callbacks)
// against real Postgres: what a stranger learns, how often links may be requested, what a
// disabled user can still do, and where a magic link lands.
import { beforeEach, describe, expect, it } from "vitest";
import { authOptions } from "@/lib/auth/options";
import { actorForSession } from "@/lib/auth/session-actor";
import { SIGN_IN_LIMITS } from "@/lib/auth/sign-in-rate-limit";
import { db } from "@/lib/db";
import { disableUser, enableUser } from "@/lib/users/disable-user";
import { resetDatabase } from "@/test/db";
import { nextAuthClient, plantMagicLink } from "@/test/next-auth-client";
import { TEST_ENV } from "@/test/test-env";

const base = TEST_ENV.NEXTAUTH_URL;
const fromIp = (clientIp: string | null) => nextAuthClient(() => authOptions({ clientIp }));

beforeEach(async () => {
  await resetDatabase();
  await db.signInRateLimit.deleteMany();
  await db.user.create({ data: { email: "known@example.com", role: "staff" } });
});

async function requestLink(email: string, ip: string | null = "198.51.100.1") {
  const res = await fromIp(ip).post("signin/email", { email, callbackUrl: "/" });
  return { status: res.status, url: (res.body as { url?: string } | undefined)?.url };
}

describe("requesting a link answers the same for every address", () => {
  it("known, unknown and disabled addresses get the same answer; only the active user gets a link", async () => {
    const known = await requestLink("known@example.com");
    const unknown = await requestLink("stranger@example.com");
    await db.user.create({
      data: { email: "gone@example.com", role: "admin", disabledAt: new Date() },
    });
    const disabled = await requestLink("gone@example.com");
    expect(known).toEqual({
      status: 200,
      url: `${base}/api/auth/verify-request?provider=email&type=email`,
    });
    expect(unknown).toEqual(known);
    expect(disabled).toEqual(known);
    const links = await db.verificationToken.findMany();
    expect(links.map((l) => l.identifier)).toEqual(["known@example.com"]);
    expect(await db.user.count()).toBe(2); // no account was created for the stranger
  });
});

describe("link requests are rate limited in Postgres", () => {
  it("per address: the request after the limit is refused with the same message for known and unknown addresses", async () => {
    for (const email of ["known@example.com", "stranger@example.com"]) {
      for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) {
        // a fresh IP each time: only the address limit can bite
        expect((await requestLink(email, `203.0.113.${i + 1}`)).url).toMatch(/verify-request/);
      }
      expect(await requestLink(email, "203.0.113.99")).toEqual({
        status: 200,
        url: "/signin?error=RateLimited",
      });
    }
    expect(await db.verificationToken.count()).toBe(SIGN_IN_LIMITS.perAddress);
    // keys are hashed: no address or IP is stored in clear
    const keys = (await db.signInRateLimit.findMany()).map((r) => r.key).join(" ");
    expect(keys).not.toMatch(/example\.com|203\.0\.113/);
  });

  it("per IP, across addresses; another IP is unaffected; no IP known means only the address limit", async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.perIp; i++) {
      expect((await requestLink(`p${i}@example.com`, "192.0.2.50")).url).toMatch(/verify-request/);
    }
    expect((await requestLink("known@example.com", "192.0.2.50")).url).toBe(
      "/signin?error=RateLimited",
    );
    expect(await db.verificationToken.count()).toBe(0);
    expect((await requestLink("known@example.com", "192.0.2.51")).url).toMatch(/verify-request/);
    expect((await requestLink("other@example.com", null)).url).toMatch(/verify-request/);
  });

  it("counts are shared through the table (another instance sees them) and old windows are deleted", async () => {
    const old = new Date(Date.now() - 2 * 24 * 3600_000);
    await db.signInRateLimit.create({ data: { key: "ip:stale", windowStart: old, count: 3 } });
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) await requestLink("known@example.com");
    // a second "instance": its own options object, same database
    const other = nextAuthClient(() => ({ ...authOptions({ clientIp: "198.51.100.9" }) }));
    const res = await other.post("signin/email", { email: "known@example.com", callbackUrl: "/" });
    expect((res.body as { url: string }).url).toBe("/signin?error=RateLimited");
    expect(await db.signInRateLimit.count({ where: { key: "ip:stale" } })).toBe(0);
  });
});

describe("a disabled user", () => {
  it("loses every session at once, cannot use a pending link, and after re-enabling must sign in again", async () => {
    const founder = await db.user.create({ data: { email: "f@example.com", role: "founder" } });
    const user = await db.user.findUniqueOrThrow({ where: { email: "known@example.com" } });
    const browser = fromIp(null);
    const landed = await browser.get(await plantMagicLink(db, user.email));
    expect(landed.location).toBe(`${base}/`);
    const session = await browser.session();
    expect(await actorForSession(db, session)).toMatchObject({ email: user.email });

    const pending = await plantMagicLink(db, user.email);
    await disableUser(db, founder, user.id);
    expect(await actorForSession(db, await browser.session())).toBeNull();
    expect(await db.verificationToken.count()).toBe(0); // the pending link is gone
    // even a link created after the disable is refused when opened
    const late = await fromIp(null).get(await plantMagicLink(db, user.email));
    expect(late.location).toMatch(/error=AccessDenied/);
    expect(late.location).not.toMatch(/token|known@/);
    expect((await fromIp(null).get(pending)).location).toMatch(/error=Verification/);

    await enableUser(db, founder, user.id);
    expect(await actorForSession(db, await browser.session())).toBeNull();
    const fresh = fromIp(null);
    await fresh.get(await plantMagicLink(db, user.email));
    expect(await actorForSession(db, await fresh.session())).toMatchObject({ email: user.email });
  });
});

describe("a magic link lands on the deep link it was requested from", () => {
  it("keeps path and query of a same-origin relative path", async () => {
    for (const deep of [
      "/customers?access=blocked",
      "/ledger/evt_123",
      "/audit?actor=a%40b.c&day=2",
    ]) {
      const res = await fromIp(null).get(await plantMagicLink(db, "known@example.com", deep));
      expect(res.location).toBe(`${base}${deep}`);
    }
  });

  it("refuses open redirects: other origins and protocol-relative tricks land on /", async () => {
    for (const evil of [
      "https://evil.example/phish",
      "//evil.example/phish",
      "/\\evil.example/phish",
      `${base}@evil.example/`,
    ]) {
      const res = await fromIp(null).get(await plantMagicLink(db, "known@example.com", evil));
      expect(res.location, evil).toBe(`${base}/`);
    }
    // next-auth itself refuses a callback that is not a URL at all: no redirect anywhere
    const js = await fromIp(null).get(
      await plantMagicLink(db, "known@example.com", "javascript:alert(1)"),
    );
    expect(js.location).toBeUndefined();
  });
});
