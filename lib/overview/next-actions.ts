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

type Reason = { code?: string; message?: string; nextAction?: string; since?: string };

/**
 * What needs a person now: dead sync tasks (oldest first), then blocked and past-due
 * customers with their first reason's next action.
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
  const items: NextAction[] = [
    ...dead.map((t) => ({
      kind: "dead_task" as const,
      id: t.id,
      title: `${t.action} failed for good`,
      detail: `${t.customer.name ?? t.customer.email ?? "customer"}: ${t.lastError ?? "no error recorded"}`,
      action: "Fix the cause, then retry it from the exceptions queue.",
      href: "/exceptions",
      since: t.updatedAt,
    })),
    ...customers.map((c) => {
      const reasons = (Array.isArray(c.accessReasons) ? c.accessReasons : []) as Reason[];
      const first = reasons[0] ?? {};
      return {
        kind: "customer" as const,
        id: c.id,
        title: `${c.name ?? c.email ?? "Customer"} is ${c.accessStatus.replace("_", " ")}`,
        detail: first.message ?? "No reason recorded.",
        action: first.nextAction ?? "Open the customer to see why.",
        href: "/customers",
        since: first.since ? new Date(first.since) : c.accessComputedAt,
      };
    }),
  ];
  return items.slice(0, take);
}
