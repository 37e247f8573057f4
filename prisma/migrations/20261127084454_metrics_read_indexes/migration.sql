-- DropIndex
DROP INDEX "LedgerEvent_receivedAt_idx";

-- CreateIndex
CREATE INDEX "LedgerEvent_receivedAt_source_status_idx" ON "LedgerEvent"("receivedAt", "source", "status");

-- CreateIndex
CREATE INDEX "SyncTask_status_lastSuccessAt_idx" ON "SyncTask"("status", "lastSuccessAt");

-- CreateIndex
CREATE INDEX "AccessTransition_to_at_idx" ON "AccessTransition"("to", "at");

