// npm run user:add -- --email you@example.com --role founder [--name "Your Name"]
// Creates a dashboard user (or sets their role) in DATABASE_URL, audited as the system.
// Needs only DATABASE_URL, so it runs before the rest of the configuration exists.
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { addUser } from "@/lib/users/add-user";

const USAGE =
  "usage: npm run user:add -- --email <address> --role founder|admin|staff [--name <name>]";

function fail(message: string): never {
  console.error(`user:add: ${message}\n${USAGE}`);
  process.exit(2);
}

async function main() {
  let values: { email?: string; role?: string; name?: string };
  try {
    ({ values } = parseArgs({
      options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" } },
      strict: true,
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (!values.email) fail("--email is required");
  if (!values.role || !["founder", "admin", "staff"].includes(values.role))
    fail(`--role must be founder, admin or staff (got ${values.role ?? "nothing"})`);
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url))
    fail("DATABASE_URL must be set to the database's postgresql:// URL");

  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 1 }) });
  try {
    const { outcome, user } = await addUser(db as unknown as Db, {
      email: values.email,
      role: values.role,
      name: values.name,
    });
    const said = {
      created: "created",
      role_changed: "role changed to",
      unchanged: "already exists as",
    }[outcome];
    console.log(`${user.email}: ${said} ${user.role}. They sign in at /signin with a magic link.`);
  } catch (e) {
    if (e instanceof DomainError) fail(e.message);
    throw e;
  } finally {
    await db.$disconnect();
  }
}

main().catch((e: unknown) => {
  console.error(`user:add failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
