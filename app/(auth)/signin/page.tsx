import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForms } from "@/components/auth/sign-in-forms";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { DEMO_USERS, demoSignInEnabled } from "@/lib/auth/demo";
import { currentActor } from "@/lib/auth/guard";
import { SIGN_IN_LIMITS } from "@/lib/auth/sign-in-rate-limit";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

// Never say whether an address has an account: every request gets the same answer.
const errors: Record<string, string> = {
  AccessDenied: "That sign-in link can no longer be used. Request a new one.",
  Verification: "That sign-in link has expired or was already used. Request a new one.",
  RateLimited: `Too many sign-in links were requested for this address or network. Wait ${SIGN_IN_LIMITS.windowMinutes} minutes, then try again.`,
  CredentialsSignin: "Demo sign-in failed.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { callbackUrl, sent, error } = await searchParams;
  const safeCallback = safeCallbackPath(callbackUrl, env.NEXTAUTH_URL) ?? "/";
  // Already signed in (and not disabled): straight on to where they were going.
  if (await currentActor()) redirect(safeCallback);
  return (
    <div className="mx-auto max-w-sm space-y-4">
      <h1 className="text-xl font-semibold">Sign in</h1>
      {sent && (
        <p role="status" className="rounded border border-emerald-200 bg-emerald-50 p-3 text-sm">
          Check your email. If that address has an account here, a sign-in link is on its way; it
          works once, for 15 minutes.
        </p>
      )}
      {error && (
        <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm">
          {errors[error] ?? "Sign-in failed. Try again."}
        </p>
      )}
      <SignInForms
        callbackUrl={safeCallback}
        demoUsers={
          demoSignInEnabled(env)
            ? DEMO_USERS.map(({ email, name, role }) => ({ email, name, role }))
            : []
        }
      />
    </div>
  );
}
