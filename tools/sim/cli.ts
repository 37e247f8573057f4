// npm run simulate -- [--url http://localhost:3000] [--count 40] [--rate 20] [--duplicates 0.1]
//                     [--shuffle] [--kinds paid,failed_then_recovered]
// Sends realistic customer journeys to a running instance as correctly signed webhooks
// (Stripe, HubSpot, the product app). Secrets default to the demo's (npm run dev).
import { parseArgs } from "node:util";
import { demoDefaults } from "@/dev/demo-defaults";
import {
  JOURNEY_KINDS,
  journeyDeliveries,
  type Delivery,
  type JourneyKind,
} from "@/tools/sim/journeys";
import { signDelivery } from "@/tools/sim/sign-delivery";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: process.env.SIM_URL ?? "http://localhost:3000" },
    "public-url": { type: "string" },
    count: { type: "string", default: "40" },
    rate: { type: "string", default: "20" },
    duplicates: { type: "string", default: "0.1" },
    shuffle: { type: "boolean", default: false },
    kinds: { type: "string", default: JOURNEY_KINDS.join(",") },
  },
});

const demo = demoDefaults(3000);
const secrets = {
  stripe: process.env.STRIPE_WEBHOOK_SECRET ?? demo.STRIPE_WEBHOOK_SECRET,
  hubspot: process.env.HUBSPOT_CLIENT_SECRET ?? demo.HUBSPOT_CLIENT_SECRET,
  app: process.env.APP_INBOUND_WEBHOOK_SECRET ?? demo.APP_INBOUND_WEBHOOK_SECRET,
};
const kinds = values.kinds.split(",") as JourneyKind[];
const count = Number(values.count);
const rate = Number(values.rate);
const dupRatio = Number(values.duplicates);
const publicUrl = values["public-url"] ?? process.env.NEXTAUTH_URL ?? values.url;
const run = Date.now().toString(36);

// Each journey keeps its own order (providers send one customer's events in order, mostly);
// --shuffle interleaves everything randomly to exercise out-of-order delivery.
const journeys = Array.from({ length: count }, (_, i) =>
  journeyDeliveries(kinds[i % kinds.length], `${run}${i}`),
);
let queue: Delivery[] = [];
for (let step = 0; journeys.some((j) => j[step]); step++)
  for (const j of journeys) if (j[step]) queue.push(j[step]);
if (values.shuffle)
  queue = queue
    .map((d) => [Math.random(), d] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, d]) => d);
queue = queue.flatMap((d) => (Math.random() < dupRatio ? [d, d] : [d]));

const stats = new Map<string, number>();
const latencies: number[] = [];
const started = Date.now();
for (const [i, d] of queue.entries()) {
  const due = started + (i * 1000) / rate;
  if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
  const { url, init } = signDelivery(values.url, publicUrl, d, secrets);
  const t = performance.now();
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) }).catch(
    (e: Error) => ({ status: `error ${e.name}` }),
  );
  latencies.push(performance.now() - t);
  const key = `${d.source} ${res.status}`;
  stats.set(key, (stats.get(key) ?? 0) + 1);
}
latencies.sort((a, b) => a - b);
const p = (q: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]?.toFixed(1);
console.log(
  `sent ${queue.length} webhooks for ${count} journeys in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
for (const [k, v] of [...stats].sort()) console.log(`  ${k}: ${v}`);
console.log(`  ack latency ms: p50 ${p(0.5)}  p99 ${p(0.99)}`);
if ([...stats.keys()].some((k) => !/ 200$/.test(k))) process.exitCode = 1;
