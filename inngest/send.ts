import { inngest } from "@/inngest/client";
import { setEventSender } from "@/lib/jobs/dispatch";

/** Lets lib/jobs/dispatch.ts send events through the Inngest client in Inngest mode. */
export function registerInngestSender(): void {
  setEventSender(async (events) => {
    await inngest.send(events);
  });
}
