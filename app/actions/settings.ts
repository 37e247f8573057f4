"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/components/ui/action-state";
import { authorizedAction } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { createApiToken, revokeApiToken } from "@/lib/tokens/api-tokens";
import { UserChangeError, ZRole, changeUserRole, inviteUser } from "@/lib/users/manage-users";

function failure(e: unknown): ActionState {
  if (e instanceof UserChangeError) return { ok: false, message: e.message };
  if (e instanceof z.ZodError)
    return { ok: false, message: e.issues[0]?.message ?? "Invalid input" };
  throw e;
}

/** Server action: invite a person by email with a role (founder). */
export const inviteUserAction = authorizedAction(
  "user.manage",
  async (actor, _prev: ActionState, formData: FormData): Promise<ActionState> => {
    try {
      const user = await inviteUser(db, actor, {
        email: String(formData.get("email") ?? ""),
        name: String(formData.get("name") ?? ""),
        role: ZRole.parse(formData.get("role")),
      });
      revalidatePath("/settings");
      return { ok: true, message: `${user.email} can now sign in with a magic link.` };
    } catch (e) {
      return failure(e);
    }
  },
);

/** Server action: change a user's role (founder; the last founder stays). */
export const changeUserRoleAction = authorizedAction(
  "user.manage",
  async (actor, _prev: ActionState, formData: FormData): Promise<ActionState> => {
    try {
      const user = await changeUserRole(
        db,
        actor,
        z.string().min(1).max(64).parse(formData.get("userId")),
        ZRole.parse(formData.get("role")),
      );
      revalidatePath("/settings");
      return { ok: true, message: `${user.email} is now ${user.role}.` };
    } catch (e) {
      return failure(e);
    }
  },
);

/** Server action: create a read-API token; the token is in the answer once (founder). */
export const createApiTokenAction = authorizedAction(
  "token.manage",
  async (actor, _prev: ActionState, formData: FormData): Promise<ActionState> => {
    const name = String(formData.get("name") ?? "").trim();
    if (name.length < 2 || name.length > 80) return { ok: false, message: "Name: 2–80 characters" };
    const { token } = await createApiToken(db, actor, name);
    revalidatePath("/settings");
    return { ok: true, message: "Copy this token now: it is not shown again.", token };
  },
);

/** Server action: revoke a read-API token (founder). */
export const revokeApiTokenAction = authorizedAction(
  "token.manage",
  async (actor, _prev: ActionState, formData: FormData): Promise<ActionState> => {
    const id = z.string().min(1).max(64).safeParse(formData.get("tokenId"));
    if (!id.success) return { ok: false, message: "Unknown token" };
    const revoked = await revokeApiToken(db, actor, id.data);
    revalidatePath("/settings");
    return { ok: true, message: revoked ? "Token revoked." : "Token was already revoked." };
  },
);
