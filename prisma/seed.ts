// Demo data: one user per role and two dozen people whose histories end in every state a
// founder meets (dev/demo-story.ts). Their Stripe events run through the real ledger and
// state engine, so states and reasons are exactly what the policy computes; the block and
// the requests go through the approvals (four eyes) the dashboard uses. In the demo
// (DEMO_MODE) each event's emails are sent right after it, as the running app would, so a
// welcome email goes out before a later failure rather than being refused after it (the
// other side effects wait for the app's executor). Safe to re-run.
import { DEMO_USERS } from "@/lib/auth/demo";
import { approveApproval } from "@/lib/approvals/decide-approval";
import { requestApproval } from "@/lib/approvals/request-approval";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { syncDeps } from "@/lib/workflows/handlers";
import { runSyncTask } from "@/lib/outbox/run-sync-task";
import { deliver } from "@/dev/deliver";
import { DEMO_PEOPLE, demoEvents, demoIds } from "@/dev/demo-story";
import { stripeEvent } from "@/fakes/stripe/events";

/** Emails only: the CRM, ticket and app tasks wait for the app's executor (faster start). */
async function runTasks(tasks: { id: string }[]) {
  if (!env.DEMO_MODE || tasks.length === 0) return;
  const emails = await db.syncTask.findMany({
    where: { id: { in: tasks.map((t) => t.id) }, target: "email" },
    select: { id: true },
  });
  for (const t of emails) await runSyncTask(db, t.id, syncDeps());
}

async function customerOf(i: number) {
  return db.customer.findUniqueOrThrow({ where: { stripeCustomerId: demoIds(i).customer } });
}

async function main() {
  for (const u of DEMO_USERS) {
    await db.user.upsert({
      where: { email: u.email },
      update: { role: u.role },
      create: { ...u, emailVerified: new Date() },
    });
  }
  if ((await db.customer.count()) > 0) {
    console.log("seed: customers already present; users ensured");
    return;
  }
  const now = Math.floor(Date.now() / 1000);
  let events = 0;
  for (const [i, person] of DEMO_PEOPLE.entries()) {
    for (const e of demoEvents(person, i, now)) {
      const result = await deliver(e, "seed");
      await runTasks(result.syncTasks);
      events++;
    }
  }
  const ignored = stripeEvent(
    "product.created",
    { id: "prod_demo", object: "product" },
    { id: "evt_demo_ignored", created: now },
  );
  await deliver(ignored, "seed");

  const [admin, staff] = await Promise.all(
    ["admin", "staff"].map((role) =>
      db.user.findFirstOrThrow({ where: { role: role as "admin" | "staff" } }),
    ),
  );
  const byIndex = (name: string) => DEMO_PEOPLE.findIndex((p) => p.name === name);

  // A block with the reason a person writes, through four eyes: staff asks, an admin approves.
  const blocked = await customerOf(byIndex("Aisha Diallo"));
  const blockRequest = await requestApproval(
    db,
    { id: staff.id, email: staff.email! },
    {
      kind: "access_override",
      customerId: blocked.id,
      overrideKind: "block",
      expiresAt: null,
      reason: "Shared one seat with a whole agency against the terms; blocked until she replies.",
    },
  );
  const decision = await approveApproval(
    db,
    { id: admin.id, email: admin.email! },
    blockRequest.id,
    "Agreed: block until she answers our email.",
  );
  await runTasks(decision.syncTasks);

  // Two requests waiting for an admin's decision (four eyes): a refund and a grace extension.
  const priya = await customerOf(byIndex("Priya Raman"));
  await requestApproval(
    db,
    { id: staff.id, email: staff.email! },
    {
      kind: "refund",
      customerId: priya.id,
      target: "charge",
      targetId: demoIds(byIndex("Priya Raman")).charge,
      amount: 4900,
      reason:
        "Asked for a refund on day 6 of the 14-day guarantee; the export did not fit her team.",
    },
  );
  const kwame = await customerOf(byIndex("Kwame Mensah"));
  await requestApproval(
    db,
    { id: staff.id, email: staff.email! },
    {
      kind: "access_override",
      customerId: kwame.id,
      overrideKind: "grant",
      expiresAt: new Date((now + 5 * 86_400) * 1000),
      reason: "Card was stolen, the new one arrives Friday; keep his access until then.",
    },
  );

  console.log(
    `seed: ${DEMO_USERS.length} users, ${await db.customer.count()} customers, ${events + 1} events`,
  );
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
