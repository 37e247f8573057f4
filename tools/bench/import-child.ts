// The import bench's measured process: runs the Stripe import once against the fake Stripe
// the parent started, then prints one JSON line with the job, wall and CPU time, and the peak
// RSS of this process (the import's own memory, without the fake's 50,000 customers).
// Its environment (DATABASE_URL, STRIPE_API_BASE, ...) comes from tools/bench/import.ts.
import { db } from "@/lib/db";
import { importStripeCustomers } from "@/lib/reconcile/import-stripe-customers";

async function main() {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let peakHeap = 0;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 250);
  const job = await importStripeCustomers(db, {
    pageSize: Number(process.env.IMPORT_PAGE_SIZE ?? 100),
  });
  clearInterval(sampler);
  const used = process.cpuUsage(cpu);
  console.log(
    JSON.stringify({
      status: job.status,
      processed: job.processed,
      total: job.total,
      error: job.error,
      ms: performance.now() - started,
      cpuMs: (used.user + used.system) / 1000,
      // resourceUsage().maxRSS is the kernel's high-water mark for this process, in KiB.
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      peakHeapMb: peakHeap / 2 ** 20,
    }),
  );
  await db.$disconnect();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
