import type { Tx } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { aliasKey } from "@/lib/customers/find-by-identity";
import { IDENTITY_KEYS } from "@/lib/customers/identity";
import { moveExceptions, moveSyncTasks } from "@/lib/customers/move-merged-records";
import type { Customer, Prisma } from "@/lib/generated/prisma/client";

function snapshot(c: Customer) {
  return {
    id: c.id,
    email: c.email,
    name: c.name,
    stripeCustomerId: c.stripeCustomerId,
    crmContactId: c.crmContactId,
    supportUserId: c.supportUserId,
    appUserId: c.appUserId,
    accessStatus: c.accessStatus,
    billingStatus: c.billingStatus,
  };
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}

/**
 * Merges `loser` into `winner`: ledger history, notes, subscriptions, invoices, charges,
 * disputes, overrides, access transitions, aliases and approval requests move over, and so
 * do outbox tasks (keys rewritten to the winner; a side effect both had runs once) and
 * exceptions (moveSyncTasks, moveExceptions). Identity ids the winner lacks are copied;
 * the loser's other ids become aliases of the winner (CustomerAlias), so an event for the
 * loser's Stripe customer (or contact, or email) finds the winner from then on. The loser
 * is deleted and the merge is audited. Both rows are locked first.
 * Idempotent: safe to run any number of times for the same pair (a deleted loser is a no-op).
 */
export async function mergeCustomers(
  tx: Tx,
  winnerId: string,
  loserId: string,
  actor: string,
): Promise<Customer> {
  const ids = [winnerId, loserId].sort();
  await tx.$queryRaw`SELECT 1 FROM "Customer" WHERE "id" IN (${ids[0]}, ${ids[1]}) ORDER BY "id" FOR UPDATE`;
  const winner = await tx.customer.findUniqueOrThrow({ where: { id: winnerId } });
  const loser = await tx.customer.findUnique({ where: { id: loserId } });
  if (!loser || loserId === winnerId) return winner;

  const move = { where: { customerId: loserId }, data: { customerId: winnerId } };
  await tx.ledgerEvent.updateMany(move);
  await tx.customerNote.updateMany(move);
  await tx.subscription.updateMany(move);
  await tx.invoice.updateMany(move);
  await tx.charge.updateMany(move);
  await tx.dispute.updateMany(move);
  await tx.accessOverride.updateMany(move);
  await tx.accessTransition.updateMany(move);
  await tx.customerAlias.updateMany(move);
  // Approvals keep a plain customer id: a pending request acts on the survivor, the same person.
  const approvals = await tx.approvalRequest.updateMany(move);
  const tasks = await moveSyncTasks(tx, winnerId, loserId);
  const exceptions = await moveExceptions(tx, winnerId, loserId, actor);

  const copied: Prisma.CustomerUncheckedUpdateInput = {};
  for (const k of IDENTITY_KEYS) if (!winner[k] && loser[k]) copied[k] = loser[k];
  if (!winner.name && loser.name) copied.name = loser.name;
  // An email one of them claimed stays claimed unless the merged record now holds it.
  const claimed = winner.claimedEmail ?? loser.claimedEmail;
  copied.claimedEmail = claimed && claimed !== (winner.email ?? loser.email) ? claimed : null;
  const loserIdentityNewer =
    loser.identityEventAt &&
    (!winner.identityEventAt || loser.identityEventAt > winner.identityEventAt);
  if (loserIdentityNewer) {
    copied.identityStatus = loser.identityStatus;
    copied.identityEventAt = loser.identityEventAt;
  }
  if (copied.stripeCustomerId) {
    copied.stripeCustomerEventAt = loser.stripeCustomerEventAt;
    copied.stripeDeletedAt = loser.stripeDeletedAt;
  }

  // Delete first: the loser's unique ids must be free before the winner takes them.
  await tx.customer.delete({ where: { id: loserId } });
  const merged = await tx.customer.update({
    where: { id: winnerId },
    data: {
      ...copied,
      firstSeenAt: earliest(winner.firstSeenAt, loser.firstSeenAt),
      billingEventAt: [winner.billingEventAt, loser.billingEventAt].reduce<Date | null>(
        (a, b) => (!a ? b : !b ? a : a > b ? a : b),
        null,
      ),
    },
  });
  const aliases = IDENTITY_KEYS.filter((k) => loser[k] && merged[k] !== loser[k]).map((k) => ({
    key: aliasKey(k, loser[k]!),
    customerId: winnerId,
  }));
  if (aliases.length) await tx.customerAlias.createMany({ data: aliases, skipDuplicates: true });
  await writeAudit(tx, {
    actor,
    action: "customer.merge",
    target: winnerId,
    before: { winner: snapshot(winner), loser: snapshot(loser) },
    after: {
      ...snapshot(merged),
      aliases: aliases.map((a) => a.key),
      moved: { ...tasks, exceptions, approvals: approvals.count },
    },
  });
  return merged;
}
