import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { InviteForm } from "@/components/settings/invite-form";
import { RoleForm } from "@/components/settings/role-form";
import { UserAccessForm } from "@/components/settings/user-access-form";
import { CreateTokenForm, RevokeTokenButton } from "@/components/settings/token-forms";
import { DataTable, dataColumns, type DataColumn } from "@/components/ui/data-table";
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

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

const CONNECTOR_NAMES = {
  crm: "HubSpot (CRM)",
  support: "Zendesk (support)",
  email: "Email",
  app: "Product app webhook",
};

type TokenRow = Awaited<ReturnType<typeof listApiTokens>>[number];
const tokenCol = dataColumns<TokenRow>();

/** A token row: who it is for, how to recognise it, when it was made and last used. */
function tokenColumns(manageTokens: boolean): DataColumn<TokenRow>[] {
  return [
    tokenCol.accessor("name", { header: "Name", meta: { phone: "title" } }),
    tokenCol.accessor("prefix", {
      header: "Starts with",
      meta: { phoneLabel: "Starts with" },
      cell: (i) => <span className="font-mono text-xs">{i.getValue()}…</span>,
    }),
    tokenCol.accessor("createdAt", {
      header: "Created",
      meta: { phoneLabel: "Created" },
      cell: (i) => <TimeAgo date={i.getValue()} />,
    }),
    tokenCol.accessor("lastUsedAt", {
      header: "Last used",
      meta: { phoneLabel: "Last used" },
      cell: (i) => (
        <span data-testid="token-last-used">
          <TimeAgo date={i.getValue()} />
        </span>
      ),
    }),
    tokenCol.display({
      id: "status",
      header: () => <span className="sr-only">Status</span>,
      cell: ({ row: { original: t } }) =>
        t.revokedAt ? (
          <StatusBadge value="revoked" />
        ) : manageTokens ? (
          <RevokeTokenButton tokenId={t.id} name={t.name} revoke={revokeApiTokenAction} />
        ) : null,
    }),
  ];
}

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
          <DataTable
            label="API tokens"
            columns={tokenColumns(manageTokens)}
            rows={tokens}
            rowKey={(t) => t.id}
            testId="token-table"
          />
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
