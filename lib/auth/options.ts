import { PrismaAdapter } from "@auth/prisma-adapter";
import type { AuthOptions } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import CredentialsProvider from "next-auth/providers/credentials";
import EmailProvider from "next-auth/providers/email";
import { demoSignInEnabled, isDemoUser } from "@/lib/auth/demo";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { normalizeEmail } from "@/lib/customers/normalize-email";

let cached: AuthOptions | undefined;

/**
 * next-auth configuration, built on first use (so `next build` needs no secrets).
 * Sign-in is invite-only: a magic link is sent only to users who already exist.
 */
export function authOptions(): AuthOptions {
  if (cached) return cached;
  const providers: AuthOptions["providers"] = [
    EmailProvider({ server: env.SMTP_URL, from: env.EMAIL_FROM, maxAge: 15 * 60 }),
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
          const user = await db.user.findUnique({ where: { email } });
          return user ? { id: user.id, email: user.email, name: user.name } : null;
        },
      }),
    );
  }
  cached = {
    adapter: PrismaAdapter(db) as Adapter,
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    providers,
    pages: { signIn: "/signin", verifyRequest: "/signin?sent=1", error: "/signin" },
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== "email") return true;
        const email = normalizeEmail(user.email);
        return !!email && !!(await db.user.findUnique({ where: { email }, select: { id: true } }));
      },
    },
  };
  return cached;
}
