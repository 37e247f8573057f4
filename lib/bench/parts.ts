// The bench's parts, in the order `npm run bench` runs them. A new part (e.g. "reads")
// is one file under lib/bench/ exporting `run(o): Promise<PartResult>`, registered here.
import { runFaults } from "@/lib/bench/faults";
import type { BenchPart } from "@/lib/bench/harness";
import { runIngest } from "@/lib/bench/ingest";

export const PARTS: BenchPart[] = [
  { name: "ingest", run: runIngest },
  { name: "faults", run: runFaults },
];
