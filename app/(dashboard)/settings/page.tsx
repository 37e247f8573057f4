import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { InviteForm } from "@/components/settings/invite-form";
import { RoleForm } from "@/components/settings/role-form";
import { UserAccessForm } from "@/components/settings/user-access-form";
import { CreateTokenForm, RevokeTokenButton } from "@/components/settings/token-forms";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { TimeAgo } from "@/components/ui/time-ago";
import { requirePage } from "@/lib/auth/guard";
import {
  changeUserRoleAction,
  createApiTokenAction,
  disableUserAction,
  enableUserAction,
  inviteUserAction,
  revokeApiTokenAction,
} from "@/app/actions/settings";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { connectorHealth } from "@/lib/health/connector-health";
import { createConnectors } from "@/lib/integrations/connectors";
import { redactText } from "@/lib/redact";
import { listApiTokens } from "@/lib/tokens/api-tokens";
import { listUsers } from "@/lib/users/manage-users";
import { ScrollRegion } from "@/components/ui/scroll-region";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

const CONNECTOR_NAMES = {
  crm: "HubSpot (CRM)",
  support: "Zendesk (support)",
  email: "Email",
  app: "Product app webhook",
};

/** Founder settings: users and roles, read-API tokens, connector status. Never a secret's value. */
export default async function SettingsPage() {
  const actor = await requirePage("/settings");
  const [users, tokens, connectors] = await Promise.all([
    listUsers(db),
    listApiTokens(db),
    connectorHealth(db, createConnectors(env)),
  ]);
  const manageUsers = can(actor.role, "user.manage");
  const manageTokens = can(actor.role, "token.manage");
  const disableUsers = can(actor.role, "user.disable");
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">Settings</h1>
        <Link href="/settings/billing-sync" className="text-sm text-indigo-700 underline">
          Billing sync with Stripe →
        </Link>
      </div>

      <section aria-labelledby="users-title" className="space-y-3">
        <h2 id="users-title" className="text-lg font-semibold">
          Users and roles
        </h2>
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {users.map((u) => (
            <li
              key={u.id}
              className="flex flex-wrap items-center gap-x-3 gap-y-1 p-3 text-sm"
              data-testid="user-row"
            >
              <span className="font-medium break-all">{u.email}</span>
              <span className="text-slate-600">{u.name}</span>
              {u.disabledAt ? (
                <StatusBadge value="disabled" />
              ) : (
                !u.emailVerified && (
                  <span className="text-xs text-amber-800">invited, not signed in yet</span>
                )
              )}
              <div className="ml-auto flex flex-wrap items-center gap-2">
                {manageUsers ? (
                  <RoleForm
                    userId={u.id}
                    email={u.email}
                    role={u.role}
                    changeRole={changeUserRoleAction}
                  />
                ) : (
                  <StatusBadge value={u.role} />
                )}
                {disableUsers && u.id !== actor.id && (
                  <UserAccessForm
                    userId={u.id}
                    email={u.email}
                    disabled={!!u.disabledAt}
                    disable={disableUserAction}
                    enable={enableUserAction}
                  />
                )}
              </div>
            </li>
          ))}
        </ul>
        {manageUsers && <InviteForm invite={inviteUserAction} />}
      </section>

      <section aria-labelledby="tokens-title" className="space-y-3">
        <h2 id="tokens-title" className="text-lg font-semibold">
          API tokens
        </h2>
        <p className="text-sm text-slate-600">
          For <code>/api/v1/customers</code>: send <code>Authorization: Bearer &lt;token&gt;</code>.
          Only a hash is stored, so a token is shown once.
        </p>
        {manageTokens && <CreateTokenForm create={createApiTokenAction} />}
        {tokens.length === 0 ? (
          <EmptyState title="No API tokens yet" />
        ) : (
          <ScrollRegion label="API tokens" className="rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm" data-testid="token-table">
              <thead className="text-slate-500">
                <tr>
                  <th className="p-2">Name</th>
                  <th className="p-2">Starts with</th>
                  <th className="p-2">Created</th>
                  <th className="p-2">Last used</th>
                  <th className="p-2">
                    <span className="sr-only">Status</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((t) => (
                  <tr key={t.id} className="border-t border-slate-100">
                    <td className="p-2">{t.name}</td>
                    <td className="p-2 font-mono text-xs">{t.prefix}…</td>
                    <td className="p-2">
                      <TimeAgo date={t.createdAt} />
                    </td>
                    <td className="p-2" data-testid="token-last-used">
                      <TimeAgo date={t.lastUsedAt} />
                    </td>
                    <td className="p-2">
                      {t.revokedAt ? (
                        <StatusBadge value="revoked" />
                      ) : manageTokens ? (
                        <RevokeTokenButton
                          tokenId={t.id}
                          name={t.name}
                          revoke={revokeApiTokenAction}
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>

      <section aria-labelledby="connectors-title" className="space-y-3">
        <h2 id="connectors-title" className="text-lg font-semibold">
          Connectors
        </h2>
        <ul className="grid gap-2 sm:grid-cols-2" data-testid="connector-status">
          {connectors.map((c) => (
            <li
              key={c.target}
              className="space-y-1 rounded-lg border border-slate-200 bg-white p-3 text-sm"
            >
              <div className="flex items-center justify-between gap-2">
                <span className="font-medium">{CONNECTOR_NAMES[c.target]}</span>
                <StatusBadge value={c.configured ? "configured" : "not configured"} />
              </div>
              {c.notConfiguredReason && (
                <p className="text-xs text-slate-600">{c.notConfiguredReason}</p>
              )}
              <p className="text-xs text-slate-600">
                Last success: <TimeAgo date={c.lastSuccessAt} />
              </p>
              {c.lastError && (
                <p className="text-xs break-words text-red-800">
                  Last error (<TimeAgo date={c.lastError.at} />
                  ): {redactText(c.lastError.message).slice(0, 300)}
                </p>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
