-- CreateTable
CREATE TABLE "CrmLeadSend" (
    "customerId" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CrmLeadSend_pkey" PRIMARY KEY ("customerId","department")
);
