-- CreateEnum
CREATE TYPE "SyncTarget" AS ENUM ('crm', 'support', 'email', 'app');

-- CreateEnum
CREATE TYPE "SyncTaskStatus" AS ENUM ('pending', 'running', 'succeeded', 'failed', 'dead', 'skipped');

-- CreateEnum
CREATE TYPE "ExceptionStatus" AS ENUM ('open', 'resolved');

-- CreateTable
CREATE TABLE "SyncTask" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "target" "SyncTarget" NOT NULL,
    "action" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "status" "SyncTaskStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 20,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "lastSuccessAt" TIMESTAMP(3),
    "externalRef" TEXT,
    "result" JSONB,
    "correlationId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExceptionRecord" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" "ExceptionStatus" NOT NULL DEFAULT 'open',
    "title" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "customerId" TEXT,
    "syncTaskId" TEXT,
    "assignedToId" TEXT,
    "resolvedById" TEXT,
    "resolutionNote" TEXT,
    "correlationId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "ExceptionRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SyncTask_idempotencyKey_key" ON "SyncTask"("idempotencyKey");

-- CreateIndex
CREATE INDEX "SyncTask_status_nextAttemptAt_idx" ON "SyncTask"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "SyncTask_customerId_status_idx" ON "SyncTask"("customerId", "status");

-- CreateIndex
CREATE INDEX "SyncTask_createdAt_idx" ON "SyncTask"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ExceptionRecord_syncTaskId_key" ON "ExceptionRecord"("syncTaskId");

-- CreateIndex
CREATE INDEX "ExceptionRecord_status_createdAt_idx" ON "ExceptionRecord"("status", "createdAt");

-- AddForeignKey
ALTER TABLE "SyncTask" ADD CONSTRAINT "SyncTask_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExceptionRecord" ADD CONSTRAINT "ExceptionRecord_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExceptionRecord" ADD CONSTRAINT "ExceptionRecord_syncTaskId_fkey" FOREIGN KEY ("syncTaskId") REFERENCES "SyncTask"("id") ON DELETE SET NULL ON UPDATE CASCADE;

