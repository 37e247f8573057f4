-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "appUserId" TEXT,
ADD COLUMN     "crmContactId" TEXT,
ADD COLUMN     "supportUserId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Customer_crmContactId_key" ON "Customer"("crmContactId");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_supportUserId_key" ON "Customer"("supportUserId");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_appUserId_key" ON "Customer"("appUserId");

