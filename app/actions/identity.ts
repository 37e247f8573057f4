"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/app/actions/ops";
import { authorizedAction } from "@/lib/auth/guard";
import { keepCustomersSeparate } from "@/lib/customers/keep-customers-separate";
import { mergeConflictingCustomers } from "@/lib/customers/merge-conflicting-customers";
import { db } from "@/lib/db";
import { dispatch } from "@/lib/jobs/dispatch";

const ZMerge = z.object({
  exceptionId: z.string().min(1).max(64),
  /** Set on a customer page: go to the surviving record, since this one is merged away. */
  from: z.enum(["customer"]).optional(),
});

/** Server action: merge the two records of an identity conflict into one (customer.merge). */
export const mergeCustomersAction = authorizedAction(
  "customer.merge",
  async (actor, _prev: ActionState, form: FormData): Promise<ActionState> => {
    const input = ZMerge.safeParse({
      exceptionId: form.get("exceptionId"),
      from: form.get("from") ?? undefined,
    });
    if (!input.success) return { ok: false, message: "Please check the form" };
    const r = await mergeConflictingCustomers(db, input.data.exceptionId, actor, dispatch);
    revalidatePath("/exceptions");
    revalidatePath("/customers");
    if (!r.ok) return { ok: false, message: r.error };
    if (input.data.from === "customer") redirect(`/customers/${r.survivorId}`);
    return { ok: true, message: "Merged into one customer" };
  },
);

const ZKeep = z.object({
  exceptionId: z.string().min(1).max(64),
  note: z.string().trim().max(2000).optional(),
});

/** Server action: keep the two records of an identity conflict apart (customer.merge). */
export const keepCustomersSeparateAction = authorizedAction(
  "customer.merge",
  async (actor, _prev: ActionState, form: FormData): Promise<ActionState> => {
    const input = ZKeep.safeParse({
      exceptionId: form.get("exceptionId"),
      note: form.get("note") ?? undefined,
    });
    if (!input.success) return { ok: false, message: "Please check the form" };
    const r = await keepCustomersSeparate(
      db,
      input.data.exceptionId,
      input.data.note ?? null,
      actor,
    );
    revalidatePath("/exceptions");
    revalidatePath("/customers");
    return r.ok ? { ok: true, message: "Kept apart" } : { ok: false, message: r.error };
  },
);
