import { identityEffect } from "@/lib/billing/events/shared";
import type { StripeEventHandler } from "@/lib/billing/types";

/** identity.verification_session.requires_input: verification failed or needs more input. */
export const identityVerificationSessionRequiresInput: StripeEventHandler = (event) =>
  identityEffect(event, "requires_input");
