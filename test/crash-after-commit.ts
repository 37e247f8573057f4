// Child process for the crash-path test: records a Stripe event and applies it (the state
// change and its outbox tasks commit together), then dies with SIGKILL before handing the
// tasks to any executor — the window between commit and enqueue.
import { deliver } from "@/dev/deliver";
import { invoicePaid } from "@/fakes/stripe/events";

const event = invoicePaid({
  customer: "cus_crash",
  email: "crash@example.com",
  name: "Cass Crash",
});
const result = await deliver(event, "crash-test");
process.stdout.write(`${JSON.stringify({ committedTasks: result.syncTasks.length })}\n`);
process.kill(process.pid, "SIGKILL");
