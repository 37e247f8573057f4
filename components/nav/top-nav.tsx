import Link from "next/link";
import { currentActor } from "@/lib/auth/guard";
import { PAGES } from "@/lib/auth/pages";
import { can } from "@/lib/auth/permissions";
import { SignOutButton } from "@/components/nav/sign-out-button";

/** Main navigation: the registry's labelled pages, each with the permission its page checks. */
const LINKS = PAGES.flatMap((p) => (p.label ? [{ ...p, label: p.label }] : []));

/** Shows the links the actor may use; the pages enforce the same permissions themselves. */
export async function TopNav() {
  const actor = await currentActor();
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav
        className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-3 py-3 sm:px-6"
        aria-label="Main"
      >
        <Link href="/" className="font-semibold text-indigo-700">
          Launch Ready
        </Link>
        {actor &&
          LINKS.filter((l) => can(actor.role, l.permission)).map((l) => (
            <Link
              key={l.href}
              href={l.href}
              className="text-sm text-slate-700 hover:text-slate-950"
            >
              {l.label}
            </Link>
          ))}
        <div className="ml-auto flex items-center gap-3 text-sm">
          {actor ? (
            <>
              <span className="hidden text-slate-600 sm:inline" data-testid="whoami">
                {actor.name ?? actor.email} · {actor.role}
              </span>
              <SignOutButton />
            </>
          ) : (
            <Link href="/signin" className="text-indigo-700">
              Sign in
            </Link>
          )}
        </div>
      </nav>
    </header>
  );
}
