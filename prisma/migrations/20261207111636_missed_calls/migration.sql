-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "startedByCallAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "lastTextBackAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "PhoneCall" (
    "callSid" TEXT NOT NULL,
    "dealershipId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "conversationId" TEXT,
    "dialStatus" TEXT NOT NULL,
    "endedAt" TIMESTAMP(3) NOT NULL,
    "textBack" TEXT NOT NULL,
    "textBackAt" TIMESTAMP(3),
    "recordingUrl" TEXT,
    "recordingSeconds" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PhoneCall_pkey" PRIMARY KEY ("callSid")
);

-- CreateIndex
CREATE INDEX "PhoneCall_dealershipId_endedAt_idx" ON "PhoneCall"("dealershipId", "endedAt");

-- CreateIndex
CREATE INDEX "PhoneCall_textBack_endedAt_idx" ON "PhoneCall"("textBack", "endedAt");
