import { z } from "zod";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { LedgerSource, LedgerStatus } from "@/lib/generated/prisma/enums";

const optional = <T extends z.ZodType>(schema: T) =>
  z
    .preprocess((v) => (v === "" || Array.isArray(v) ? undefined : v), schema.optional())
    .catch(undefined);

const TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const hasZone = (s: string) => /(Z|[+-]\d{2}:\d{2})$/.test(s);

/**
 * Accepts an ISO time, a date, or a `datetime-local` value (read as UTC). As an upper bound
 * (`end`), a date or minute means "to the end of it", so `to=10:05` includes 10:05:30.
 */
const ZTime = (end: boolean) =>
  z
    .string()
    .regex(TIME)
    .transform((s) => {
      if (hasZone(s)) return new Date(s);
      if (s.length === 10) return new Date(end ? `${s}T23:59:59.999Z` : `${s}T00:00:00Z`);
      if (s.length === 16) return new Date(end ? `${s}:59.999Z` : `${s}:00Z`);
      return new Date(`${s}Z`);
    })
    .refine((d) => !Number.isNaN(d.getTime()));

/** The ledger page's view as URL parameters; malformed values mean "no filter". */
export const ZLedgerView = z.object({
  source: optional(z.enum(Object.values(LedgerSource) as [LedgerSource, ...LedgerSource[]])),
  status: optional(z.enum(Object.values(LedgerStatus) as [LedgerStatus, ...LedgerStatus[]])),
  type: optional(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.:-]{1,100}$/),
  ),
  from: optional(ZTime(false)),
  to: optional(ZTime(true)),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type LedgerView = z.infer<typeof ZLedgerView>;

export function ledgerWhere(v: Omit<LedgerView, "page">): Prisma.LedgerEventWhereInput {
  return {
    ...(v.source && { source: v.source }),
    ...(v.status && { status: v.status }),
    ...(v.type && { type: v.type }),
    ...((v.from || v.to) && {
      receivedAt: { ...(v.from && { gte: v.from }), ...(v.to && { lte: v.to }) },
    }),
  };
}

const listSelect = {
  id: true,
  source: true,
  externalId: true,
  type: true,
  status: true,
  occurredAt: true,
  receivedAt: true,
  processedAt: true,
  attempts: true,
  duplicateCount: true,
  error: true,
  correlationId: true,
  customer: { select: { id: true, email: true, name: true } },
} as const satisfies Prisma.LedgerEventSelect;

/** The ledger counts matching events up to this many, then says "10,000+". */
export const LEDGER_COUNT_CAP = 10_000;

/**
 * One page of ledger events, newest received first, filtered on the server. The total is
 * exact up to `countCap` and `totalCapped` beyond it: an exact count walks every matching
 * row (~200 ms at 1,000,000 events), and nobody pages past 200 pages by hand — narrowing
 * by date, source, type or status finds older events.
 */
export async function listLedgerEvents(
  db: Db,
  view: LedgerView,
  pageSize = 50,
  countCap = LEDGER_COUNT_CAP,
) {
  const { page, ...filters } = view;
  const where = ledgerWhere(filters);
  const [rows, counted] = await Promise.all([
    db.ledgerEvent.findMany({
      where,
      select: listSelect,
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    // Ordered like the page (Prisma would order the capped subquery by id, which reads and
    // sorts every match): each filter has a (column, receivedAt) index to walk instead.
    db.ledgerEvent.count({ where, take: countCap + 1, orderBy: { receivedAt: "desc" } }),
  ]);
  const totalCapped = counted > countCap;
  const total = Math.min(counted, countCap);
  return { rows, total, totalCapped, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}
export type LedgerRow = Awaited<ReturnType<typeof listLedgerEvents>>["rows"][number];

/**
 * Event types seen (first 200 in order), for the type filter. A loose index scan: one probe of
 * the (type, receivedAt) index per distinct type, instead of GROUP BY reading every ledger
 * row (over a second at 1,000,000 events; see BENCHMARKS.md).
 */
export async function listLedgerTypes(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ type: string }[]>`
    WITH RECURSIVE t AS (
      SELECT min("type") AS type FROM "LedgerEvent"
      UNION ALL
      SELECT (SELECT min("type") FROM "LedgerEvent" WHERE "type" > t.type) FROM t WHERE t.type IS NOT NULL
    )
    SELECT type FROM t WHERE type IS NOT NULL LIMIT 200`;
  return rows.map((r) => r.type);
}

/** One event with its payload and processing result (caller redacts before display). */
export async function getLedgerEvent(db: Db, id: string) {
  return db.ledgerEvent.findUnique({
    where: { id },
    select: { ...listSelect, payload: true, result: true },
  });
}
