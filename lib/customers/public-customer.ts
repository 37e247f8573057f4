import { customerSafeReasons, type CustomerSafeReason } from "@/lib/access/customer-safe";
import type { CustomerRow } from "@/lib/customers/queries";

export type PublicCustomer = Omit<CustomerRow, "blockedReasons" | "reasons"> & {
  blockedReasons: CustomerSafeReason[];
  reasons: CustomerSafeReason[];
};

/**
 * The customer as the read API answers it: the dashboard's row with every reason reduced
 * to its customer-safe words (no staff email, internal note or staff next step).
 */
export function toPublicCustomer(row: CustomerRow): PublicCustomer {
  return {
    ...row,
    blockedReasons: customerSafeReasons(row.blockedReasons),
    reasons: customerSafeReasons(row.reasons),
  };
}
