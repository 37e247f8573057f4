-- DropIndex
DROP INDEX "Customer_accessStatus_idx";

-- DropIndex
DROP INDEX "Subscription_planName_idx";

-- CreateIndex
CREATE INDEX "Customer_accessStatus_id_idx" ON "Customer"("accessStatus", "id");

-- CreateIndex
CREATE INDEX "Subscription_planName_customerId_idx" ON "Subscription"("planName", "customerId");

