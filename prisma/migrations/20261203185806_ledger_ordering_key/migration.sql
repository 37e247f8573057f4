-- AlterTable
ALTER TABLE "LedgerEvent" ADD COLUMN     "orderingKey" TEXT;

