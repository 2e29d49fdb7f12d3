-- CreateTable
CREATE TABLE "Lead" (
    "id" TEXT NOT NULL,
    "dealershipId" TEXT NOT NULL,
    "conversationId" TEXT,
    "source" TEXT NOT NULL,
    "providerName" TEXT,
    "providerLeadId" TEXT,
    "dedupeKey" TEXT,
    "vendorName" TEXT,
    "vehicle" JSONB NOT NULL DEFAULT '{}',
    "vehicleKey" TEXT,
    "comments" TEXT,
    "phone" TEXT,
    "email" TEXT,
    "customerName" TEXT,
    "smsConsent" BOOLEAN NOT NULL DEFAULT false,
    "consentSource" TEXT,
    "consentText" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'new',
    "repeatOfId" TEXT,
    "firstTouch" TEXT NOT NULL DEFAULT 'none',
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "requestedAt" TIMESTAMP(3),
    "firstTouchAt" TIMESTAMP(3),
    "raw" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Lead_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Lead_dedupeKey_key" ON "Lead"("dedupeKey");

-- CreateIndex
CREATE INDEX "Lead_dealershipId_receivedAt_idx" ON "Lead"("dealershipId", "receivedAt");

-- CreateIndex
CREATE INDEX "Lead_dealershipId_phone_receivedAt_idx" ON "Lead"("dealershipId", "phone", "receivedAt");

-- CreateIndex
CREATE INDEX "Lead_conversationId_receivedAt_idx" ON "Lead"("conversationId", "receivedAt");

-- CreateIndex
CREATE INDEX "Lead_firstTouch_idx" ON "Lead"("firstTouch");

-- AddForeignKey
ALTER TABLE "Lead" ADD CONSTRAINT "Lead_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE SET NULL ON UPDATE CASCADE;
