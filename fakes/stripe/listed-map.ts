import type { Obj } from "./api-http";

/** Stripe's list order: newest first, ties by id. */
const newestFirst = (a: Obj, b: Obj) =>
  Number(b.created ?? 0) - Number(a.created ?? 0) || String(a.id).localeCompare(String(b.id));

/**
 * One collection of the fake's state, kept ready for listing: the list order is sorted once
 * per change (not per request), and objects are indexed by their `customer`. At 50,000
 * customers the import bench lists subscriptions and invoices per customer; sorting and
 * scanning every collection on each of those 100,000 requests took the CPU the app needed.
 */
export class ListedMap extends Map<string, Obj> {
  private order: Obj[] | null = null;
  private byCustomer = new Map<string, Set<string>>();

  override set(id: string, object: Obj): this {
    this.unindex(id);
    super.set(id, object);
    if (typeof object.customer === "string") {
      const ids = this.byCustomer.get(object.customer) ?? new Set<string>();
      ids.add(id);
      this.byCustomer.set(object.customer, ids);
    }
    this.order = null;
    return this;
  }

  override delete(id: string): boolean {
    this.unindex(id);
    this.order = null;
    return super.delete(id);
  }

  override clear(): void {
    this.byCustomer?.clear();
    this.order = null;
    super.clear();
  }

  /** Every object in list order (a shared array: do not modify). */
  listOrder(): readonly Obj[] {
    this.order ??= [...this.values()].sort(newestFirst);
    return this.order;
  }

  /** One customer's objects in list order. */
  ofCustomer(customer: string): Obj[] {
    const ids = this.byCustomer.get(customer);
    if (!ids) return [];
    return [...ids]
      .map((id) => this.get(id))
      .filter((o): o is Obj => o?.customer === customer)
      .sort(newestFirst);
  }

  private unindex(id: string) {
    const before = this.get(id);
    if (typeof before?.customer === "string") this.byCustomer.get(before.customer)?.delete(id);
  }
}
