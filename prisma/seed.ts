// Demo data: one user per role and a few dozen customers in varied states. The customers
// are created by running Stripe-shaped events through the real ledger and state engine,
// so their states and reasons are exactly what the policy computes. Safe to re-run.
import { DEMO_USERS } from "@/lib/auth/demo";
import { db } from "@/lib/db";
import { deliver } from "@/dev/deliver";
import {
  checkoutSessionCompleted,
  customerSubscriptionDeleted,
  invoicePaid,
  invoicePaymentFailed,
  stripeEvent,
  type StripeEventPayload,
} from "@/fakes/stripe/events";

const first = [
  "Ava",
  "Ben",
  "Chloe",
  "Dev",
  "Elif",
  "Farah",
  "Gus",
  "Hana",
  "Ivan",
  "Jade",
  "Kofi",
  "Lena",
];
const last = ["Moreno", "Okafor", "Schmidt", "Tanaka", "Novak", "Haddad"];

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
  const events: StripeEventPayload[] = [];
  for (let i = 0; i < 36; i++) {
    const name = `${first[i % first.length]} ${last[i % last.length]}`;
    const who = {
      customer: `cus_demo${String(i).padStart(3, "0")}`,
      email: `${name.toLowerCase().replace(" ", ".")}${i}@example.com`,
      name,
    };
    const t = now - (36 - i) * 3600;
    const id = (k: string) => ({ id: `evt_demo${String(i).padStart(3, "0")}${k}` });
    // One subscription and one renewal invoice per customer, so events about them converge.
    const subscription = `sub_demo${String(i).padStart(3, "0")}`;
    const invoiceId = `in_demo${String(i).padStart(3, "0")}`;
    events.push(checkoutSessionCompleted(who, { created: t, subscription, ...id("a") }));
    if (i % 6 === 1)
      events.push(invoicePaymentFailed(who, { created: t + 600, invoiceId, ...id("b") }));
    if (i % 6 === 2)
      events.push(
        customerSubscriptionDeleted(who, {
          created: t + 900,
          subscriptionId: subscription,
          ...id("c"),
        }),
      );
    if (i % 6 === 3)
      events.push(
        invoicePaymentFailed(who, { created: t + 600, invoiceId, ...id("b") }),
        invoicePaid(who, { created: t + 1200, invoiceId, ...id("d") }),
      );
    if (i % 6 === 4)
      events.push(
        checkoutSessionCompleted(
          { ...who, customer: `cus_lead${i}` },
          { created: t, paid: false, ...id("e") },
        ),
        stripeEvent(
          "customer.created",
          { id: `cus_lead${i}`, object: "customer", email: `lead.${who.email}`, name },
          { created: t, ...id("f") },
        ),
      );
  }
  events.push(
    stripeEvent(
      "product.created",
      { id: "prod_demo", object: "product" },
      { id: "evt_demo_ignored", created: now },
    ),
  );
  for (const e of events) await deliver(e, "seed");
  console.log(
    `seed: ${DEMO_USERS.length} users, ${await db.customer.count()} customers, ${events.length} events`,
  );
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
