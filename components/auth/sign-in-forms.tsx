"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button";

type DemoUser = { email: string; name: string; role: string };

export function SignInForms({
  callbackUrl,
  demoUsers,
}: {
  callbackUrl: string;
  demoUsers: DemoUser[];
}) {
  const [email, setEmail] = useState("");
  const [busy, setBusy] = useState(false);
  return (
    <div className="space-y-6">
      <form
        className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          await signIn("email", { email, callbackUrl });
          setBusy(false);
        }}
      >
        <label htmlFor="email" className="block text-sm font-medium">
          Work email
        </label>
        <input
          id="email"
          type="email"
          required
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          className="w-full rounded border border-slate-300 px-2 py-1.5"
        />
        <button
          type="submit"
          disabled={busy}
          className={buttonClass({ variant: "primary", className: "w-full py-2!" })}
        >
          {busy ? "Sending…" : "Email me a sign-in link"}
        </button>
      </form>
      {demoUsers.length > 0 && (
        <div className="space-y-2 rounded-lg border border-amber-200 bg-amber-50 p-4">
          <p className="text-sm font-medium">Demo mode: sign in with one click</p>
          {demoUsers.map((u) => (
            <button
              key={u.email}
              type="button"
              onClick={() => signIn("demo", { email: u.email, callbackUrl })}
              className="block w-full rounded border border-amber-300 bg-white px-3 py-2 text-left text-sm hover:bg-amber-100"
            >
              Sign in as {u.name} <span className="text-slate-600">({u.role})</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
