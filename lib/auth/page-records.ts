import type { Db } from "@/lib/db";
import { pageForPath } from "@/lib/auth/pages";

/**
 * For each page of the registry with a dynamic segment: whether the record a path names
 * exists. The dashboard layout asks this above the loading boundary, so an unknown id
 * answers a real 404 instead of a streamed "Not found" under a 200.
 */
export const PAGE_RECORDS: Record<string, (db: Db, id: string) => Promise<boolean>> = {
  "/customers/[id]": async (db, id) => (await db.customer.count({ where: { id } })) > 0,
  "/ledger/[id]": async (db, id) => (await db.ledgerEvent.count({ where: { id } })) > 0,
};

/** False when `path` is a registered dynamic page whose record does not exist; else true. */
export async function pathRecordExists(db: Db, path: string): Promise<boolean> {
  const page = pageForPath(path);
  const exists = page && PAGE_RECORDS[page.href];
  if (!exists) return true;
  const at = page.href.split("/").findIndex((seg) => /^\[[^\]]+\]$/.test(seg));
  let id: string;
  try {
    id = decodeURIComponent(path.split("?")[0].split("/")[at] ?? "");
  } catch {
    return false;
  }
  return id !== "" && (await exists(db, id));
}
