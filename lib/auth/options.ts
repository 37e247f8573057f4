import { PrismaAdapter } from "@auth/prisma-adapter";
import type { AuthOptions } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import CredentialsProvider from "next-auth/providers/credentials";
import EmailProvider from "next-auth/providers/email";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { demoSignInEnabled, isDemoUser } from "@/lib/auth/demo";
import { sendSignInLink } from "@/lib/auth/send-sign-in-link";
import { countSignInRequest } from "@/lib/auth/sign-in-rate-limit";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { normalizeEmail } from "@/lib/customers/normalize-email";

/** Where the sign-in page says "too many requests" (the same for every address). */
export const RATE_LIMITED_URL = "/signin?error=RateLimited";

/** What a request for a link answers, whether or not the address has an account. */
function linkSentUrl(): string {
  // next-auth's own base: NEXTAUTH_URL's origin plus its path, "/api/auth" when it has none.
  const u = new URL(env.NEXTAUTH_URL);
  const path = (u.pathname === "/" ? "/api/auth" : u.pathname).replace(/\/$/, "");
  return `${u.origin}${path}/verify-request?provider=email&type=email`;
}

async function activeUser(email: string | null | undefined) {
  const address = normalizeEmail(email);
  if (!address) return null;
  const user = await db.user.findUnique({ where: { email: address } });
  return user && !user.disabledAt ? user : null;
}

/** The request a sign-in link is asked for from: its client IP (null when not trusted). */
export type SignInRequest = { clientIp: string | null };

let cached: AuthOptions | undefined;

/**
 * next-auth configuration, built on first use (so `next build` needs no secrets).
 * Sign-in is invite-only: a magic link is sent only to active users who already exist, yet
 * every address gets the same answer; link requests are rate limited per address and per
 * client IP (`request`, given by the auth route). Sessions are JWTs carrying the user's
 * session version, so disabling a user revokes them (lib/auth/session-actor.ts).
 */
export function authOptions(request?: SignInRequest): AuthOptions {
  cached ??= baseOptions();
  if (!request) return cached;
  return {
    ...cached,
    callbacks: {
      ...cached.callbacks,
      signIn: async (params) => {
        // Count every request for a link, whatever the address, before anything else.
        const address = normalizeEmail(params.user.email);
        if (params.account?.provider === "email" && params.email?.verificationRequest && address) {
          const { limited } = await countSignInRequest(
            db,
            { email: address, ip: request.clientIp },
            { secret: env.NEXTAUTH_SECRET },
          );
          if (limited) return RATE_LIMITED_URL;
        }
        return cached!.callbacks!.signIn!(params);
      },
    },
  };
}

function baseOptions(): AuthOptions {
  const providers: AuthOptions["providers"] = [
    EmailProvider({
      server: env.SMTP_URL,
      from: env.EMAIL_FROM,
      maxAge: 15 * 60,
      sendVerificationRequest: sendSignInLink,
    }),
  ];
  if (demoSignInEnabled(env)) {
    providers.push(
      CredentialsProvider({
        id: "demo",
        name: "Demo",
        credentials: { email: { label: "Email", type: "email" } },
        async authorize(credentials) {
          const email = normalizeEmail(credentials?.email);
          if (!email || !isDemoUser(email)) return null;
          const user = await activeUser(email);
          return user
            ? {
                id: user.id,
                email: user.email,
                name: user.name,
                sessionVersion: user.sessionVersion,
              }
            : null;
        },
      }),
    );
  }
  return {
    adapter: PrismaAdapter(db) as Adapter,
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    providers,
    pages: { signIn: "/signin", verifyRequest: "/signin?sent=1", error: "/signin" },
    callbacks: {
      async signIn({ user, account, email }) {
        if (account?.provider !== "email") return true;
        const active = !!(await activeUser(user.email));
        // Asking for a link: unknown or disabled get the answer a sent link gets, and nothing
        // is sent or stored. Opening a link: only active users get in.
        if (email?.verificationRequest) return active || linkSentUrl();
        return active;
      },
      async jwt({ token, user }) {
        // On sign-in only: the version the session was issued under.
        if (user) token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        return token;
      },
      async session({ session, token }) {
        return { ...session, sv: typeof token.sv === "number" ? token.sv : 0 };
      },
      async redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, baseUrl) ?? "/"}`;
      },
    },
  };
}
