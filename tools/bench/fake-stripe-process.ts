// The fake Stripe API in a process of its own (for the bench's `cost` part): serving the
// engine's re-reads then costs the measured process no CPU. Prints its URL on the first
// line of stdout; the parent puts objects through its HTTP control paths and kills it.
import { FakeStripeApi } from "@/fakes/stripe/api";

async function main() {
  const api = await FakeStripeApi.start(0);
  process.stdout.write(`${api.url}\n`);
  const stop = () => void api.stop().finally(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  // Stop with the parent, whatever way it ends.
  process.stdin.on("end", stop);
  process.stdin.resume();
}

void main();
