import pg from "pg";

/** Refuses anything but a database on this machine: tests drop and recreate it. */
export function assertLocalDatabase(url: string): URL {
  const u = new URL(url);
  if (!["localhost", "127.0.0.1", "::1", "[::1]", ""].includes(u.hostname)) {
    throw new Error(`Refusing to run tests against non-local database host "${u.hostname}"`);
  }
  return u;
}

/**
 * Drops and recreates the database named in `url` (connecting to the `postgres` maintenance
 * db), as a copy of `template` when given.
 */
export async function recreateDatabase(url: string, template?: string): Promise<void> {
  const u = assertLocalDatabase(url);
  const name = u.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unexpected test database name: ${name}`);
  const admin = new URL(u);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    if (template && !/^[a-z0-9_]+$/.test(template))
      throw new Error(`Unexpected template database name: ${template}`);
    await client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ""}`);
  } finally {
    await client.end();
  }
}
