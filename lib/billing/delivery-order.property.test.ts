import { describe, it } from "vitest";
import { assertDeliveryOrderIndependence } from "@/lib/testing/delivery-order";
import { withFakeStripe } from "@/lib/testing/fake-stripe-env";
import { seedFakeStripe } from "@/lib/testing/journeys";

const fake = withFakeStripe();

describe("delivery order (with the Stripe API to re-fetch from)", () => {
  it("random journeys delivered in any order with any duplicates end in the state of in-order delivery", async () => {
    await assertDeliveryOrderIndependence({
      numRuns: 12,
      beforeEach: (journeys) => {
        fake.api().reset();
        seedFakeStripe(fake.api(), journeys);
      },
    });
  }, 120_000);
});
