import { createHash } from "node:crypto";
import NextAuth, { type AuthOptions } from "next-auth";
import { TEST_ENV } from "./test-env";

/**
 * Drives next-auth's real request handler (core, providers, adapter, callbacks) the way a
 * browser does, keeping cookies between calls: only the HTTP server around it is missing.
 * Uses next-auth's Node-style entry point (the App Router one reads next/headers).
 */
export function nextAuthClient(options: () => AuthOptions, headers: Record<string, string> = {}) {
  const jar = new Map<string, string>();
  const base = new URL(TEST_ENV.NEXTAUTH_URL);

  async function call(method: "GET" | "POST", path: string, body?: Record<string, string>) {
    const url = new URL(`/api/auth/${path}`, base);
    const nextauth = url.pathname.replace(/^\/api\/auth\//, "").split("/");
    let status = 200;
    const out: Record<string, string | string[]> = {};
    let sent: unknown;
    const res = {
      status(n: number) {
        status = n;
        return res;
      },
      getHeader: (k: string) => out[k.toLowerCase()],
      setHeader(k: string, v: string | string[]) {
        out[k.toLowerCase()] = v;
        return res;
      },
      end: () => undefined,
      json: (b: unknown) => void (sent = b),
      send: (b: unknown) => void (sent = b),
    };
    const req = {
      method,
      query: { ...Object.fromEntries(url.searchParams), nextauth },
      body,
      cookies: Object.fromEntries(jar),
      headers: { host: base.host, ...headers },
    };
    await (NextAuth as unknown as (q: unknown, r: unknown, o: AuthOptions) => Promise<void>)(
      req,
      res,
      options(),
    );
    for (const c of [out["set-cookie"] ?? []].flat()) {
      const [pair, ...attrs] = c.split(";");
      const name = pair.slice(0, pair.indexOf("="));
      const value = decodeURIComponent(pair.slice(pair.indexOf("=") + 1));
      const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim()));
      if (!value || expired) jar.delete(name);
      else jar.set(name, value);
    }
    const location = typeof out.location === "string" ? out.location : undefined;
    return { status, location, body: sent as Record<string, unknown> | string | undefined };
  }

  return {
    cookies: jar,
    get: (path: string) => call("GET", path),
    /** The form POST next-auth's client sends (with its CSRF token and `json: true`). */
    async post(path: string, fields: Record<string, string>) {
      const csrf = (await call("GET", "csrf")).body as { csrfToken: string };
      return call("POST", path, { ...fields, csrfToken: csrf.csrfToken, json: "true" });
    },
    /** The session the app would see, or null. */
    async session(): Promise<Record<string, unknown> | null> {
      const { body } = await call("GET", "session");
      return body && typeof body === "object" && Object.keys(body).length ? body : null;
    },
  };
}

/**
 * A magic link as next-auth would mail it: stores the hashed token (as the adapter does) and
 * returns the callback path to open. The mail itself is not read in Vitest.
 */
export async function plantMagicLink(
  db: { verificationToken: { create: (a: never) => Promise<unknown> } },
  email: string,
  callbackUrl = "/",
): Promise<string> {
  const token = `tok-${Math.random().toString(36).slice(2)}`;
  const hashed = createHash("sha256").update(`${token}${TEST_ENV.NEXTAUTH_SECRET}`).digest("hex");
  await db.verificationToken.create({
    data: { identifier: email, token: hashed, expires: new Date(Date.now() + 10 * 60_000) },
  } as never);
  return `callback/email?${new URLSearchParams({ callbackUrl, token, email })}`;
}
