import { EventEmitter } from "node:events";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

const globalForPrisma = globalThis as unknown as {
  prisma?: ReturnType<typeof createClient>;
  poolNotifications?: EventEmitter;
};

/**
 * Postgres NOTIFY messages that arrive on the Prisma pool's connections. On Postgres proper
 * none do (the pool never LISTENs); on PGlite (the embedded default) one backend session sits
 * behind every socket connection, so a NOTIFY reaches the connection that committed it, not
 * the LISTEN connection. lib/live listens here too, so live updates work on both.
 */
export const poolNotifications = (globalForPrisma.poolNotifications ??= new EventEmitter());

class NotifyingClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on("notification", (n) => poolNotifications.emit("notification", n));
  }
}

function createClient() {
  const adapter = new PrismaPg({
    connectionString: env.DATABASE_URL,
    max: env.DATABASE_POOL_SIZE,
    Client: NotifyingClient,
  });
  return new PrismaClient({ adapter });
}

/** The one Prisma client; cached on globalThis so dev reloads do not open new pools. */
export const db = globalForPrisma.prisma ?? createClient();
if (env.NODE_ENV !== "production") globalForPrisma.prisma = db;

export type Db = typeof db;

/** A Prisma interactive-transaction client. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
