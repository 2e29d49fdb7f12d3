-- CreateIndex
CREATE UNIQUE INDEX "Conversation_one_open_per_customer" ON "Conversation"("customerId") WHERE (status <> 'resolved');
