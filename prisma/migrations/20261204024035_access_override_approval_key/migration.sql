-- AlterTable
ALTER TABLE "AccessOverride" ADD COLUMN     "approvalRequestId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "AccessOverride_approvalRequestId_key" ON "AccessOverride"("approvalRequestId");

