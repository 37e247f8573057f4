// Child process for the crash-path test: records a Stripe event and applies it (the state
// change and its outbox tasks commit together), then dies with SIGKILL before handing the
// tasks to any executor — the window between commit and enqueue.
import { db } from "@/lib/db";
import { recordLedgerEvent } from "@/lib/ledger/record-event";
import { invoicePaid } from "@/lib/testing/stripe-events";
import { processLedgerEvent } from "@/lib/workflows/process-ledger-event";

const event = invoicePaid({
  customer: "cus_crash",
  email: "crash@example.com",
  name: "Cass Crash",
});
const rec = await recordLedgerEvent(db, {
  source: "stripe",
  externalId: event.id,
  type: event.type,
  occurredAt: new Date(event.created * 1000),
  payload: event,
  correlationId: "crash-test",
});
const result = await processLedgerEvent(db, rec.id);
process.stdout.write(`${JSON.stringify({ committedTasks: result.syncTasks.length })}\n`);
process.kill(process.pid, "SIGKILL");
