-- CreateIndex
CREATE INDEX "Customer_accessReasons_idx" ON "Customer" USING GIN ("accessReasons" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "Customer_name_idx" ON "Customer"("name");

-- CreateIndex
CREATE INDEX "Customer_lastSyncedAt_idx" ON "Customer"("lastSyncedAt");

-- CreateIndex
CREATE INDEX "LedgerEvent_source_receivedAt_idx" ON "LedgerEvent"("source", "receivedAt");

-- CreateIndex
CREATE INDEX "LedgerEvent_type_receivedAt_idx" ON "LedgerEvent"("type", "receivedAt");

-- CreateIndex
CREATE INDEX "LedgerEvent_correlationId_idx" ON "LedgerEvent"("correlationId");

-- CreateIndex
CREATE INDEX "ExceptionRecord_assignedToId_idx" ON "ExceptionRecord"("assignedToId");

-- CreateIndex
CREATE INDEX "Subscription_planName_idx" ON "Subscription"("planName");


-- Hand-written (Prisma cannot express an operator class on a btree index): lets the
-- customers search's email prefix match (LIKE 'abc%') use an index under any collation.
CREATE INDEX "Customer_email_pattern_idx" ON "Customer"("email" text_pattern_ops);
