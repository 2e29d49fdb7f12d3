import { afterEach, beforeEach } from "vitest";
import { PrismaConversationStore } from "../../src/adapters/store/prisma/prisma-conversation-store.js";
import { createTestDatabase, type TestDatabase, type TestStoreKind } from "./test-database.js";

/**
 * A fresh database per test with the conversation store over it and one dealership ("main",
 * texting from +15125550100), closed after the test. Read `db` and `store` inside the tests.
 */
export function storeWithDealership(kind: TestStoreKind): { db: TestDatabase; store: PrismaConversationStore } {
  const current = {} as { db: TestDatabase; store: PrismaConversationStore };
  beforeEach(async () => {
    current.db = await createTestDatabase({ kind });
    current.store = new PrismaConversationStore(current.db.prisma);
    await current.store.ensureDealership({
      id: "main",
      name: "Maple Ridge Motors",
      timezone: "America/Chicago",
      smsNumber: "+15125550100",
    });
  });
  afterEach(async () => current.db?.close());
  return current;
}
