import { readFileSync } from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * The layer rule of eslint.config.mjs, proven on planted imports: each wrong import is linted
 * as if it were a file at that path (nothing is written), and must be refused; the allowed
 * ones must pass. A rule that stopped matching would otherwise pass `npm run lint` silently.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("layer boundaries (eslint no-restricted-imports)", () => {
  const refused: [string, string][] = [
    ["lib/customers/planted.ts", `import { x } from "@/app/actions/ops";`],
    ["lib/customers/planted.ts", `import { x } from "@/components/ui/button";`],
    ["lib/customers/planted.ts", `import { x } from "@/inngest/client";`],
    ["lib/customers/planted.ts", `import { redirect } from "next/navigation";`],
    ["lib/billing/planted.ts", `import { FakeStripeApi } from "@/fakes/stripe/api";`],
    ["lib/ledger/planted.ts", `import { resetDatabase } from "@/test/db";`],
    ["lib/outbox/planted.ts", `import { startDemoFakes } from "@/dev/demo-fakes";`],
    ["lib/metrics/planted.ts", `import { x } from "@/tools/bench/harness";`],
    ["app/(dashboard)/planted/page.tsx", `import { resetDatabase } from "@/test/db";`],
    ["inngest/planted.ts", `import { x } from "@/fakes/inngest-events";`],
    ["components/customers/planted.tsx", `import { x } from "@/app/actions/ops";`],
    ["components/customers/planted.tsx", `import { x } from "@/fakes/hubspot";`],
  ];
  it.each(refused)("refuses %s: %s", async (filePath, source) => {
    const errors = await layerErrors(filePath, `${source}\nexport const y = x;\n`);
    expect(errors).toHaveLength(1);
  });

  const allowed: [string, string][] = [
    ["lib/auth/guard.ts", `import { redirect } from "next/navigation";`],
    ["lib/customers/planted.ts", `import { db } from "@/lib/db";`],
    ["lib/customers/planted.test.ts", `import { resetDatabase } from "@/test/db";`],
    ["app/(dashboard)/planted/page.tsx", `import { db } from "@/lib/db";`],
    ["tools/bench/planted.ts", `import { FakeStripeApi } from "@/fakes/stripe/api";`],
  ];
  it.each(allowed)("allows %s: %s", async (filePath, source) => {
    expect(await layerErrors(filePath, `${source}\nexport const y = 1;\n`)).toEqual([]);
  });
});

describe("no relative import leaves its top-level folder (the rule matches @/ paths)", () => {
  it("product files reach other folders only through @/", () => {
    const files = execFileSync("git", ["ls-files", "lib", "app", "components", "inngest"], {
      encoding: "utf8",
    })
      .split("\n")
      .filter((f) => /\.tsx?$/.test(f) && !f.startsWith("lib/generated/"));
    const escaping = files.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/from\s+["'](\.\.?\/[^"']+)["']/g)]
        .map((m) => path.normalize(path.join(path.dirname(file), m[1])))
        .filter((target) => target.split(path.sep)[0] !== file.split("/")[0])
        .map((target) => `${file} -> ${target}`),
    );
    expect(escaping).toEqual([]);
  });
});
