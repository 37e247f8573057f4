import { describe, it } from "vitest";
import { assertDeliveryOrderIndependence } from "@/lib/testing/delivery-order";

describe("delivery order (no Stripe API key: deterministic tie-breaks)", () => {
  it("random journeys delivered in any order with any duplicates end in the state of in-order delivery", async () => {
    await assertDeliveryOrderIndependence({ numRuns: 8 });
  }, 120_000);
});
