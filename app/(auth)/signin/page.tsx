import type { Metadata } from "next";
import { SignInForms } from "@/components/auth/sign-in-forms";
import { DEMO_USERS, demoSignInEnabled } from "@/lib/auth/demo";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const errors: Record<string, string> = {
  AccessDenied: "That email has no account here. Ask a founder to invite you.",
  Verification: "That sign-in link has expired or was already used. Request a new one.",
  CredentialsSignin: "Demo sign-in failed.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { callbackUrl, sent, error } = await searchParams;
  const safeCallback =
    callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/";
  return (
    <div className="mx-auto max-w-sm space-y-4">
      <h1 className="text-xl font-semibold">Sign in</h1>
      {sent && (
        <p role="status" className="rounded border border-emerald-200 bg-emerald-50 p-3 text-sm">
          Check your email: we sent you a sign-in link.
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
