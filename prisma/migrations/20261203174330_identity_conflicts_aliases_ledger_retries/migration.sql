-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "claimedEmail" TEXT;

-- AlterTable
ALTER TABLE "LedgerEvent" ADD COLUMN     "nextAttemptAt" TIMESTAMP(3);

-- AlterTable
-- "ledgerEventId" and its (kind, ledgerEventId) key are also added by the Stripe engine's
-- migration on another branch, identically: IF NOT EXISTS lets both apply in either order.
ALTER TABLE "ExceptionRecord" ADD COLUMN IF NOT EXISTS "ledgerEventId" TEXT,
ADD COLUMN     "pairCustomerId" TEXT;

-- CreateTable
CREATE TABLE "CustomerAlias" (
    "key" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerAlias_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "CustomerAlias_customerId_idx" ON "CustomerAlias"("customerId");

-- CreateIndex
CREATE INDEX "Customer_claimedEmail_idx" ON "Customer"("claimedEmail");

-- CreateIndex
CREATE INDEX "LedgerEvent_status_nextAttemptAt_idx" ON "LedgerEvent"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "ExceptionRecord_pairCustomerId_idx" ON "ExceptionRecord"("pairCustomerId");

-- CreateIndex
CREATE UNIQUE INDEX IF NOT EXISTS "ExceptionRecord_kind_ledgerEventId_key" ON "ExceptionRecord"("kind", "ledgerEventId");

-- CreateIndex
CREATE UNIQUE INDEX "ExceptionRecord_kind_customerId_pairCustomerId_key" ON "ExceptionRecord"("kind", "customerId", "pairCustomerId");

-- AddForeignKey
ALTER TABLE "CustomerAlias" ADD CONSTRAINT "CustomerAlias_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;



-- Hand-written (Prisma cannot express an operator class on a btree index): the customers
-- search matches a claimed email by prefix (LIKE 'ada%') like the email itself.
CREATE INDEX "Customer_claimedEmail_pattern_idx" ON "Customer"("claimedEmail" text_pattern_ops);
