import pg from "pg";
import { E2E } from "./config";

/**
 * A fresh customer for one customer-page journey, written straight into the e2e database
 * (as the ledger would leave it): optionally an open invoice (to send a payment link for) or
 * a paid invoice (to refund). Unique per call, so the desktop and phone runs never collide.
 */
export async function insertPanelCustomer(opts: { open?: boolean; paid?: boolean } = {}) {
  const n = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const c = {
    id: `e2e-panel-${n}`,
    name: `Panel Person ${n.slice(-5)}`,
    email: `panel.${n}@example.com`,
    stripeCustomerId: `cus_panel${n}`,
    invoiceId: `in_panel${n}`,
  };
  const client = new pg.Client({ connectionString: E2E.databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "Customer" (id, email, name, "stripeCustomerId", "billingStatus", "accessStatus", "accessReasons", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
      [
        c.id,
        c.email,
        c.name,
        c.stripeCustomerId,
        opts.open ? "past_due" : "active",
        opts.open ? "past_due" : "active",
        // Past due as the engine says it (other specs read the first past-due person's why).
        JSON.stringify(
          opts.open
            ? [
                {
                  code: "payment_failed",
                  message: `Payment failed on invoice ${c.invoiceId} (49.00 EUR). Access continues for 3 days.`,
                  customerMessage: "Your card was declined. Your access continues for 3 days.",
                  customerNextAction: "Update your payment method.",
                  since: new Date().toISOString(),
                  nextAction: "Wait for the retry, or send the customer a payment link.",
                },
              ]
            : [],
        ),
      ],
    );
    if (opts.open || opts.paid) {
      await client.query(
        `INSERT INTO "Invoice" (id, "stripeInvoiceId", "customerId", status, "amountDue", "amountPaid",
                               currency, "stripeCreatedAt", "stripeEventAt", "updatedAt")
         VALUES ($1, $2, $3, $4, 4900, $5, 'eur', now(), now(), now())`,
        [`e2e-inv-${n}`, c.invoiceId, c.id, opts.open ? "open" : "paid", opts.open ? 0 : 4900],
      );
    }
    return c;
  } finally {
    await client.end();
  }
}
