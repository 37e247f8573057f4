import { z } from "zod";
import { writeAudit } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { SECRET_CATALOG } from "@/lib/launch/checks/secret-catalog";
import type { Rotation } from "@/lib/launch/checks/secrets";

export const ZRotationInput = z.object({
  name: z.enum(SECRET_CATALOG.map((s) => s.name) as [string, ...string[]], {
    message: "Choose one of the listed secrets",
  }),
  rotatedAt: z.iso.date("Enter the date as YYYY-MM-DD"),
  owner: z
    .string()
    .trim()
    .max(120)
    .default("")
    .transform((s) => s || null),
});

/**
 * Records the date a secret was rotated (and who owns it), audited in the same
 * transaction. Refuses a date in the future. Idempotent: recording the same date and owner
 * again writes and audits nothing.
 */
export async function recordSecretRotation(
  db: Db,
  input: z.output<typeof ZRotationInput>,
  actor: string,
  now = new Date(),
): Promise<void> {
  const rotatedAt = new Date(`${input.rotatedAt}T00:00:00Z`);
  if (rotatedAt.getTime() > now.getTime())
    throw new DomainError("The rotation date cannot be in the future");
  await db.$transaction(async (tx) => {
    const before = await tx.secretRotation.findUnique({ where: { name: input.name } });
    if (
      before &&
      before.rotatedAt.getTime() === rotatedAt.getTime() &&
      before.owner === input.owner
    )
      return;
    const data = { rotatedAt, owner: input.owner, recordedBy: actor };
    await tx.secretRotation.upsert({
      where: { name: input.name },
      create: { name: input.name, ...data },
      update: data,
    });
    await writeAudit(tx, {
      actor,
      action: "launch.secret_rotated",
      target: `secret:${input.name}`,
      before: before && { rotatedAt: before.rotatedAt, owner: before.owner },
      after: { rotatedAt, owner: input.owner },
    });
  });
}

/** Every recorded rotation by secret name. */
export async function secretRotations(db: Db): Promise<Map<string, Rotation>> {
  const rows = await db.secretRotation.findMany();
  return new Map(rows.map((r) => [r.name, r]));
}
