import { stripeApiURL } from "./config";

type FakeState = {
  refunds: { id: string; amount: number; charge: string; metadata: Record<string, string> }[];
  requests: { method: string; path: string; idempotencyKey: string | null }[];
};

/** Puts an object into the e2e server's fake Stripe API, as Stripe would return it. */
export async function putStripeObject(collection: string, object: Record<string, unknown>) {
  const res = await fetch(`${stripeApiURL}/__fake/objects/${collection}`, {
    method: "POST",
    body: JSON.stringify(object),
  });
  if (res.status !== 204) throw new Error(`fake stripe put failed: ${res.status}`);
}

/** The fake's inspection endpoint: its objects and every request it received. */
export async function fakeStripeState(): Promise<FakeState> {
  return (await (await fetch(`${stripeApiURL}/__fake/state`)).json()) as FakeState;
}

/** Faults for the fake's next requests, in order (see fakes/stripe/api.ts). */
export async function injectStripeFaults(...faults: Record<string, unknown>[]) {
  const res = await fetch(`${stripeApiURL}/__fake/faults`, {
    method: "POST",
    body: JSON.stringify(faults),
  });
  if (res.status !== 204) throw new Error(`fake stripe faults failed: ${res.status}`);
}
