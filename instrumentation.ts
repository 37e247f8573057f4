/** Next.js start-up hook; the Node.js work lives in lib/jobs/server-start.ts. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { onServerStart } = await import("@/lib/jobs/server-start");
    await onServerStart();
    if (process.env.NEXT_PHASE === "phase-production-build") return;
    // In Inngest mode lib/jobs/dispatch.ts sends through the Inngest client; lib never imports it.
    const { registerInngestSender } = await import("@/inngest/send");
    registerInngestSender();
  }
}
