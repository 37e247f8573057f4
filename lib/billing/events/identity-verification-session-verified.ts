import { identityEffect } from "@/lib/billing/events/shared";
import type { StripeEventHandler } from "@/lib/billing/types";

/** identity.verification_session.verified: Stripe Identity verified the person. */
export const identityVerificationSessionVerified: StripeEventHandler = (event) =>
  identityEffect(event, "verified");
