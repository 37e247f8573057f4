"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/auth/guard";
import { keepCustomersSeparate } from "@/lib/customers/keep-customers-separate";
import { mergeConflictingCustomers } from "@/lib/customers/merge-conflicting-customers";
import { db } from "@/lib/db";
import { dispatch } from "@/lib/jobs/dispatch";

const id = z.string().min(1).max(64);
const revalidate = ["/exceptions", "/customers"];

/** Server action: merge the two records of an identity conflict into one (customer.merge). */
export const mergeCustomersAction = defineAction({
  permission: "customer.merge",
  schema: z.object({
    exceptionId: id,
    /** Set on a customer page: go to the surviving record, since this one is merged away. */
    from: z.enum(["customer"]).optional(),
  }),
  invalid: "Please check the form",
  revalidate,
  run: async ({ exceptionId, from }, actor) => {
    const r = await mergeConflictingCustomers(db, exceptionId, actor, dispatch);
    if (!r.ok) return { ok: false, message: r.error };
    if (from === "customer") redirect(`/customers/${r.survivorId}`);
    return { ok: true, message: "Merged into one customer" };
  },
});

/** Server action: keep the two records of an identity conflict apart (customer.merge). */
export const keepCustomersSeparateAction = defineAction({
  permission: "customer.merge",
  schema: z.object({ exceptionId: id, note: z.string().trim().max(2000).optional() }),
  invalid: "Please check the form",
  revalidate,
  run: async ({ exceptionId, note }, actor) => {
    const r = await keepCustomersSeparate(db, exceptionId, note ?? null, actor);
    return r.ok ? { ok: true, message: "Kept apart" } : { ok: false, message: r.error };
  },
});
