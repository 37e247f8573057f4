import { normalizeEmail } from "@/lib/customers/normalize-email";

/** Identity keys in matching priority: Stripe customer id first, then normalized email. */
export const IDENTITY_KEYS = [
  "stripeCustomerId",
  "email",
  "crmContactId",
  "supportUserId",
  "appUserId",
] as const;
export type IdentityKey = (typeof IDENTITY_KEYS)[number];

export type IdentityInput = {
  stripeCustomerId?: string | null;
  email?: string | null;
  crmContactId?: string | null;
  supportUserId?: string | null;
  appUserId?: string | null;
  name?: string | null;
};

export type Identity = Record<IdentityKey, string | null>;

function clean(v: string | null | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

/** Trims every id, normalizes the email; empty values become null. */
export function normalizeIdentity(input: IdentityInput): Identity {
  return {
    stripeCustomerId: clean(input.stripeCustomerId),
    email: normalizeEmail(input.email),
    crmContactId: clean(input.crmContactId),
    supportUserId: clean(input.supportUserId),
    appUserId: clean(input.appUserId),
  };
}

/** True when both records carry a different value for the same identity key (two people). */
export function conflictingIdentity(a: Identity, b: Identity): IdentityKey | null {
  for (const k of IDENTITY_KEYS) {
    if (k === "email") continue;
    if (a[k] && b[k] && a[k] !== b[k]) return k;
  }
  return null;
}
