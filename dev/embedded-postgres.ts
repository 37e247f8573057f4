import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * Postgres compiled to WebAssembly (PGlite), served on a local port so Prisma and the app
 * connect to it like any Postgres. For the embedded default only: no Postgres to install.
 */
export async function startEmbeddedPostgres(opts: { dataDir: string; port: number }) {
  mkdirSync(opts.dataDir, { recursive: true });
  // pg_trgm serves the customers search (substring match); PGlite ships it as an extension
  // that must be loaded here before the migration's CREATE EXTENSION can find it.
  const db = await PGlite.create(opts.dataDir, { extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({
    db,
    port: opts.port,
    host: "127.0.0.1",
    maxConnections: 8,
  });
  await server.start();
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${opts.port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
