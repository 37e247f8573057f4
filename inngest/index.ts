import { toInngestFunction } from "@/inngest/adapter";
import { jobs } from "@/lib/jobs/registry";

/** Every job of the registry as an Inngest function; served by app/api/inngest/route.ts. */
export const functions = jobs.map(toInngestFunction);

/** The Inngest function of one registry job (tests). */
export function inngestFunction(id: string): (typeof functions)[number] {
  const fn = functions.find((f) => f.id() === id);
  if (!fn) throw new Error(`no job "${id}" in lib/jobs/registry.ts`);
  return fn;
}
