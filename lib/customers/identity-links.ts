/** A customer's identity in one system, with a link out when we can build one. */
export type IdentityLink = { system: string; id: string | null; href: string | null };

/**
 * Links out to each system's own page for the customer. Zendesk needs the account's
 * subdomain; without ZENDESK_SUBDOMAIN only the id is shown.
 */
export function identityLinks(
  c: {
    stripeCustomerId: string | null;
    crmContactId: string | null;
    supportUserId: string | null;
    appUserId: string | null;
  },
  zendeskSubdomain: string | undefined,
): IdentityLink[] {
  const enc = encodeURIComponent;
  return [
    {
      system: "Stripe",
      id: c.stripeCustomerId,
      href: c.stripeCustomerId
        ? `https://dashboard.stripe.com/customers/${enc(c.stripeCustomerId)}`
        : null,
    },
    {
      system: "HubSpot",
      id: c.crmContactId,
      href: c.crmContactId
        ? `https://app.hubspot.com/contacts/_/contact/${enc(c.crmContactId)}`
        : null,
    },
    {
      system: "Zendesk",
      id: c.supportUserId,
      href:
        c.supportUserId && zendeskSubdomain
          ? `https://${zendeskSubdomain}.zendesk.com/agent/users/${enc(c.supportUserId)}`
          : null,
    },
    { system: "App", id: c.appUserId, href: null },
  ];
}
