import type { Db } from "@/lib/db";

export type NextAction = {
  kind: "dead_task" | "customer";
  id: string;
  title: string;
  detail: string;
  /** What to do about it. */
  action: string;
  href: string;
  since: Date;
};

/** What each outbox action does, in a person's words. */
const TASK_WORDS: Record<string, string> = {
  "crm.upsert_contact": "The CRM update",
  "support.open_ticket": "Opening a support ticket",
  "support.solve_ticket": "Closing a support ticket",
  "email.welcome": "The welcome email",
  "email.dunning": "The payment reminder email",
  "app.access_changed": "Telling the product app",
};

type Reason = { code?: string; message?: string; nextAction?: string; since?: string };

/**
 * What needs a person now: blocked and past-due customers with their first reason's next
 * action (each opens the customer), then dead sync tasks (oldest first).
 */
export async function nextActions(db: Db, take = 8): Promise<NextAction[]> {
  const [dead, customers] = await Promise.all([
    db.syncTask.findMany({
      where: { status: "dead", OR: [{ exception: null }, { exception: { status: "open" } }] },
      orderBy: { updatedAt: "asc" },
      take,
      select: {
        id: true,
        action: true,
        lastError: true,
        updatedAt: true,
        customerId: true,
        customer: { select: { name: true, email: true } },
      },
    }),
    db.customer.findMany({
      where: { accessStatus: { in: ["blocked", "past_due"] } },
      orderBy: { accessComputedAt: "asc" },
      take,
      select: {
        id: true,
        name: true,
        email: true,
        accessStatus: true,
        accessReasons: true,
        accessComputedAt: true,
      },
    }),
  ]);
  // People first (what a founder acts on), then the syncs that need fixing.
  const items: NextAction[] = [
    ...customers.map((c) => {
      const reasons = (Array.isArray(c.accessReasons) ? c.accessReasons : []) as Reason[];
      const first = reasons[0] ?? {};
      return {
        kind: "customer" as const,
        id: c.id,
        title: `${c.name ?? c.email ?? "Customer"} is ${c.accessStatus.replace("_", " ")}`,
        detail: first.message ?? "No reason recorded.",
        action: first.nextAction ?? "Open the customer to see why.",
        href: `/customers/${c.id}`,
        since: first.since ? new Date(first.since) : c.accessComputedAt,
      };
    }),
    ...dead.map((t) => ({
      kind: "dead_task" as const,
      id: t.id,
      title: `${TASK_WORDS[t.action] ?? "A sync"} failed for ${t.customer.name ?? t.customer.email ?? "a customer"}`,
      detail: t.lastError ?? "No error recorded.",
      action: "Fix the cause, then retry it from the exceptions queue.",
      href: "/exceptions",
      since: t.updatedAt,
    })),
  ];
  return items.slice(0, take);
}
