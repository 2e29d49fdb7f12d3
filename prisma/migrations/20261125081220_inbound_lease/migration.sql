-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "leaseUntil" TIMESTAMP(3);
