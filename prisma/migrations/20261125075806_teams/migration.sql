-- CreateTable
CREATE TABLE "TeamsChannel" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "teamName" TEXT,
    "name" TEXT,
    "tenantId" TEXT,
    "reference" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TeamsChannel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamsChannelChoice" (
    "dealershipId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "chosenById" TEXT NOT NULL,
    "chosenByName" TEXT NOT NULL,
    "chosenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamsChannelChoice_pkey" PRIMARY KEY ("dealershipId","purpose")
);

-- CreateIndex
CREATE INDEX "TeamsChannel_teamId_idx" ON "TeamsChannel"("teamId");
