-- AlterTable
ALTER TABLE "StripeSyncJob" ADD COLUMN     "total" INTEGER;

