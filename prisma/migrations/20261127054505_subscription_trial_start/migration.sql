-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "trialStart" TIMESTAMP(3);

