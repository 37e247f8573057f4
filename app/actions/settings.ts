"use server";

import { z } from "zod";
import { defineAction } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { createApiToken, revokeApiToken } from "@/lib/tokens/api-tokens";
import { disableUser, enableUser } from "@/lib/users/disable-user";
import { ZRole, changeUserRole, inviteUser } from "@/lib/users/manage-users";

const revalidate = ["/settings"];

/** Server action: invite a person by email with a role (founder). */
export const inviteUserAction = defineAction({
  permission: "user.manage",
  schema: z.object({ email: z.string().default(""), name: z.string().default(""), role: ZRole }),
  revalidate,
  run: async (input, actor) => {
    const user = await inviteUser(db, actor, input);
    return { ok: true, message: `${user.email} can now sign in with a magic link.` };
  },
});

/** Server action: change a user's role (founder; the last founder stays). */
export const changeUserRoleAction = defineAction({
  permission: "user.manage",
  schema: z.object({ userId: z.string().min(1).max(64), role: ZRole }),
  revalidate,
  run: async ({ userId, role }, actor) => {
    const user = await changeUserRole(db, actor, userId, role);
    return { ok: true, message: `${user.email} is now ${user.role}.` };
  },
});

/** Server action: disable a user — no sign-in, every session revoked at once (founder). */
export const disableUserAction = defineAction({
  permission: "user.disable",
  schema: z.object({ userId: z.string().min(1).max(64) }),
  invalid: "Unknown user",
  revalidate,
  run: async ({ userId }, actor) => {
    const user = await disableUser(db, actor, userId);
    // Read-API tokens belong to the workspace, not the person: name the ones they made.
    const tokens = await db.apiToken.count({ where: { createdById: userId, revokedAt: null } });
    const note = tokens
      ? ` They created ${tokens} API token${tokens === 1 ? "" : "s"} still active: revoke ${tokens === 1 ? "it" : "them"} below if they may have kept a copy.`
      : "";
    return { ok: true, message: `${user.email} is disabled and signed out everywhere.${note}` };
  },
});

/** Server action: let a disabled user sign in again (founder). */
export const enableUserAction = defineAction({
  permission: "user.disable",
  schema: z.object({ userId: z.string().min(1).max(64) }),
  invalid: "Unknown user",
  revalidate,
  run: async ({ userId }, actor) => {
    const user = await enableUser(db, actor, userId);
    return { ok: true, message: `${user.email} can sign in again.` };
  },
});

/** Server action: create a read-API token; the token is in the answer once (founder). */
export const createApiTokenAction = defineAction({
  permission: "token.manage",
  schema: z.object({ name: z.string().trim().min(2).max(80) }),
  invalid: "Name: 2–80 characters",
  revalidate,
  run: async ({ name }, actor) => {
    const { token } = await createApiToken(db, actor, name);
    return { ok: true, message: "Copy this token now: it is not shown again.", token };
  },
});

/** Server action: revoke a read-API token (founder). */
export const revokeApiTokenAction = defineAction({
  permission: "token.manage",
  schema: z.object({ tokenId: z.string().min(1).max(64) }),
  invalid: "Unknown token",
  revalidate,
  run: async ({ tokenId }, actor) => {
    const revoked = await revokeApiToken(db, actor, tokenId);
    return { ok: true, message: revoked ? "Token revoked." : "Token was already revoked." };
  },
});
