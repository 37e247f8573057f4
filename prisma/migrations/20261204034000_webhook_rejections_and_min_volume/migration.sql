-- AlterTable
ALTER TABLE "AlertRule" ADD COLUMN     "minRequests" INTEGER;

-- CreateTable
CREATE TABLE "WebhookRejection" (
    "source" "LedgerSource" NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "WebhookRejection_pkey" PRIMARY KEY ("source","minute")
);

-- CreateIndex
CREATE INDEX "WebhookRejection_minute_idx" ON "WebhookRejection"("minute");


-- Rules that existed before: the failure-rate rule gets its default minimum volume.
UPDATE "AlertRule" SET "minRequests" = 20 WHERE "key" = 'webhook_failure_rate' AND "minRequests" IS NULL;
