-- CreateTable
CREATE TABLE "LaunchSettings" (
    "id" TEXT NOT NULL DEFAULT 'default',
    "productionDomain" TEXT,
    "apiDomain" TEXT,
    "dashboardDomain" TEXT,
    "productionUrl" TEXT,
    "dkimSelectors" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "lastRunAt" TIMESTAMP(3),
    "updatedBy" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LaunchSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LaunchCheck" (
    "key" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "area" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "observed" TEXT NOT NULL,
    "why" TEXT NOT NULL,
    "fix" TEXT,
    "value" DOUBLE PRECISION,
    "checkedAt" TIMESTAMP(3) NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LaunchCheck_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "LaunchCheckRun" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "observed" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LaunchCheckRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SecretRotation" (
    "name" TEXT NOT NULL,
    "rotatedAt" TIMESTAMP(3) NOT NULL,
    "owner" TEXT,
    "recordedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SecretRotation_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "UptimeTarget" (
    "id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "keyword" TEXT,
    "lastProbeAt" TIMESTAMP(3),
    "certExpiresAt" TIMESTAMP(3),
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UptimeTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UptimeProbe" (
    "id" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "up" BOOLEAN NOT NULL,
    "status" INTEGER,
    "latencyMs" INTEGER,
    "error" TEXT,

    CONSTRAINT "UptimeProbe_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LaunchCheckRun_key_at_idx" ON "LaunchCheckRun"("key", "at");

-- CreateIndex
CREATE UNIQUE INDEX "UptimeTarget_url_key" ON "UptimeTarget"("url");

-- CreateIndex
CREATE INDEX "UptimeProbe_targetId_at_idx" ON "UptimeProbe"("targetId", "at");

-- CreateIndex
CREATE INDEX "UptimeProbe_at_idx" ON "UptimeProbe"("at");

-- AddForeignKey
ALTER TABLE "UptimeProbe" ADD CONSTRAINT "UptimeProbe_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "UptimeTarget"("id") ON DELETE CASCADE ON UPDATE CASCADE;

