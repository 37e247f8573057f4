import { fail, metadataOf, missing, ok, type Answer, type Collection, type Obj } from "./api-http";

/** The write endpoints the app calls on the fake Stripe API, over its state. */
export type StripeState = Record<Collection, Map<string, Obj>>;

/** POST /v1/customers[/:id]: creates a customer or updates its fields. */
export function upsertCustomer(
  state: StripeState,
  id: string | undefined,
  body: URLSearchParams,
  now: number,
) {
  const existing = id ? state.customers.get(id) : undefined;
  if (id && !existing) return missing("customer", id);
  const fields = Object.fromEntries(body.entries());
  const customer = {
    id: id ?? `cus_fake${state.customers.size + 1}`,
    object: "customer",
    created: now,
    ...existing,
    ...fields,
  };
  state.customers.set(customer.id, customer);
  return ok(200, customer);
}

/** POST /v1/refunds: refunds (part of) a charge, found directly or through its payment intent. */
export function createRefund(state: StripeState, body: URLSearchParams, now: number): Answer {
  const chargeId = body.get("charge");
  const pi = body.get("payment_intent");
  const charge = chargeId
    ? state.charges.get(chargeId)
    : [...state.charges.values()].find((ch) => pi && ch.payment_intent === pi);
  if (!charge) {
    const what = chargeId ? `charge: '${chargeId}'` : `payment_intent: '${pi ?? ""}'`;
    return fail(404, "invalid_request_error", `No such ${what}`, "resource_missing");
  }
  const paid = Number(charge.amount ?? 0);
  const refunded = Number(charge.amount_refunded ?? 0);
  const amount = body.has("amount") ? Number(body.get("amount")) : paid - refunded;
  if (!Number.isInteger(amount) || amount <= 0 || amount > paid - refunded) {
    return fail(
      400,
      "invalid_request_error",
      `Refund amount (${amount}) is greater than unrefunded amount on charge (${paid - refunded})`,
      "amount_too_large",
      "amount",
    );
  }
  const refund = {
    id: `re_fake${state.refunds.size + 1}`,
    object: "refund",
    amount,
    charge: charge.id,
    payment_intent: charge.payment_intent ?? null,
    currency: charge.currency ?? "usd",
    reason: body.get("reason"),
    status: "succeeded",
    metadata: metadataOf(body),
    created: now,
  };
  state.refunds.set(refund.id, refund);
  state.charges.set(String(charge.id), {
    ...charge,
    amount_refunded: refunded + amount,
    refunded: refunded + amount === paid,
  });
  return ok(200, refund);
}

/** POST /v1/subscriptions/:id: changes the price of an item (`items[0][id]`, `items[0][price]`); refused once canceled. */
export function updateSubscription(state: StripeState, id: string, body: URLSearchParams): Answer {
  const sub = state.subscriptions.get(id);
  if (!sub) return missing("subscription", id);
  if (sub.status === "canceled" || sub.status === "incomplete_expired") {
    return fail(
      400,
      "invalid_request_error",
      `A ${String(sub.status)} subscription can only update its cancellation_details and metadata.`,
    );
  }
  const items = ((sub.items as { data?: Obj[] } | undefined)?.data ?? []).map((i) => ({ ...i }));
  for (let n = 0; body.has(`items[${n}][price]`); n++) {
    const price = body.get(`items[${n}][price]`)!;
    if (!/^price_/.test(price)) {
      const message = `No such price: '${price}'`;
      return fail(400, "invalid_request_error", message, "resource_missing", `items[${n}][price]`);
    }
    const itemId = body.get(`items[${n}][id]`);
    const item = items.find((i) => i.id === itemId);
    if (itemId && !item) {
      return fail(
        400,
        "invalid_request_error",
        `Invalid subscription_item: '${itemId}'`,
        undefined,
        `items[${n}][id]`,
      );
    }
    const next = { object: "price", id: price };
    if (item) item.price = next;
    else items.push({ id: `si_fake${items.length + 1}`, object: "subscription_item", price: next });
  }
  const updated = { ...sub, items: { object: "list", data: items } };
  state.subscriptions.set(id, updated);
  return ok(200, updated);
}

/**
 * POST /v1/billing_portal/sessions: a customer portal session for an existing customer
 * (`customer` required, `return_url` optional), answered as Stripe documents it.
 */
export function createPortalSession(state: StripeState, body: URLSearchParams, now: number) {
  const customer = body.get("customer");
  if (!customer) {
    return fail(
      400,
      "invalid_request_error",
      "Missing required param: customer.",
      "parameter_missing",
      "customer",
    );
  }
  if (!state.customers.has(customer)) return missing("customer", customer);
  const id = `bps_fake${state.billing_portal_sessions.size + 1}`;
  const session = {
    id,
    object: "billing_portal.session",
    configuration: "bpc_fake_default",
    created: now,
    customer,
    flow: null,
    livemode: false,
    locale: null,
    on_behalf_of: null,
    return_url: body.get("return_url"),
    url: `https://billing.stripe.com/p/session/test_${id}`,
  };
  state.billing_portal_sessions.set(id, session);
  return ok(200, session);
}
