-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "stripeCustomerReadSeq" BIGINT;

-- AlterTable
ALTER TABLE "LedgerEvent" ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- AlterTable
ALTER TABLE "ExceptionRecord" ADD COLUMN     "ledgerEventId" TEXT;

-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "readSeq" BIGINT;

-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "readSeq" BIGINT;

-- AlterTable
ALTER TABLE "Charge" ADD COLUMN     "readSeq" BIGINT;

-- AlterTable
ALTER TABLE "Dispute" ADD COLUMN     "readSeq" BIGINT;

-- CreateIndex
CREATE UNIQUE INDEX "ExceptionRecord_kind_ledgerEventId_key" ON "ExceptionRecord"("kind", "ledgerEventId");

