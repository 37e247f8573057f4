import { Link } from "@/components/ui/link";
import { currentActor } from "@/lib/auth/guard";
import { PAGES } from "@/lib/auth/pages";
import { can } from "@/lib/auth/permissions";
import { badgeCounts, type BadgeCounts } from "@/lib/live/counts";
import { MenuBadge, NavBadge, type BadgeKind } from "@/components/nav/nav-badge";
import { NavMenu } from "@/components/nav/nav-menu";
import { SignOutButton } from "@/components/nav/sign-out-button";

/** Main navigation: the registry's labelled pages, each with the permission its page checks. */
const LINKS = PAGES.flatMap((p) => (p.label ? [{ ...p, label: p.label }] : []));

/**
 * Nav links do not prefetch: every live refresh drops the prefetch cache, and a nav that
 * prefetched its dozen pages again after each one would multiply every refresh by ten
 * (measured: 1 + 8 requests per refresh). Pages render fast; loading.tsx covers a click.
 */
const PREFETCH = false;

/** Which nav link carries which live count. */
const BADGES: Record<string, BadgeKind> = {
  "/approvals": "approvals",
  "/exceptions": "exceptions",
};

const focus =
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";

function NavLinks({
  links,
  counts,
  inMenu,
}: {
  links: typeof LINKS;
  counts: BadgeCounts;
  inMenu?: boolean;
}) {
  return links.map((l) => {
    const badge = BADGES[l.href];
    return (
      <Link
        key={l.href}
        href={l.href}
        prefetch={PREFETCH}
        className={
          inMenu
            ? `flex items-center rounded px-3 py-2.5 text-base text-slate-800 hover:bg-slate-100 ${focus}`
            : `inline-flex items-center rounded text-sm whitespace-nowrap text-slate-700 hover:text-slate-950 ${focus}`
        }
      >
        {l.label}
        {badge && <NavBadge kind={badge} initial={counts[badge] ?? 0} />}
      </Link>
    );
  });
}

/**
 * Shows the links the actor may use (the pages enforce the same permissions themselves), with
 * live badges for pending approvals and open exceptions. Below 1280 px the links fold into a
 * menu so the header stays one row; the name and Sign out never wrap.
 */
export async function TopNav() {
  const actor = await currentActor();
  const links = actor ? LINKS.filter((l) => can(actor.role, l.permission)) : [];
  const counts = actor ? await badgeCounts(actor.role) : {};
  const who = actor ? `${actor.name ?? actor.email} · ${actor.role}` : "";
  return (
    <header className="relative border-b border-slate-200 bg-white">
      <nav
        className="mx-auto flex max-w-6xl items-center gap-x-4 px-3 py-2.5 sm:px-6 xl:py-3"
        aria-label="Main"
      >
        <Link
          href="/"
          prefetch={PREFETCH}
          className={`rounded font-semibold whitespace-nowrap text-indigo-700 ${focus}`}
        >
          Launch Ready
        </Link>
        {actor && (
          <div className="hidden items-center gap-x-3.5 xl:flex">
            <NavLinks links={links} counts={counts} />
          </div>
        )}
        <div className="ml-auto flex min-w-0 items-center gap-3 text-sm">
          {actor ? (
            <>
              <span
                className="hidden max-w-56 truncate whitespace-nowrap text-slate-600 xl:inline"
                data-testid="whoami"
                title={who}
              >
                {who}
              </span>
              <span className="hidden xl:inline">
                <SignOutButton />
              </span>
              <span className="xl:hidden">
                <NavMenu
                  label={
                    <>
                      Menu
                      <MenuBadge initial={counts} />
                    </>
                  }
                >
                  <div className="mx-auto flex max-w-6xl flex-col gap-0.5 px-3 py-2 sm:px-6">
                    <NavLinks links={links} counts={counts} inMenu />
                    <div className="mt-2 flex items-center justify-between gap-3 border-t border-slate-200 px-3 pt-3 pb-1 text-sm">
                      <span className="min-w-0 truncate text-slate-600" data-testid="whoami-menu">
                        {who}
                      </span>
                      <SignOutButton />
                    </div>
                  </div>
                </NavMenu>
              </span>
            </>
          ) : (
            <Link href="/signin" className={`rounded text-indigo-700 ${focus}`}>
              Sign in
            </Link>
          )}
        </div>
      </nav>
    </header>
  );
}
