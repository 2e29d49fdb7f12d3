import { openDatabase } from "../adapters/store/prisma/open-database.js";
import { PrismaConversationStore } from "../adapters/store/prisma/prisma-conversation-store.js";
import type { Config } from "../config/config.js";
import type { LeaseTiming } from "../core/conversation/handling-lease.js";
import type { Logger } from "../core/ports/logger.js";

/** The database (migrated) and the conversation store, with every rooftop in it. */
export async function openStore(config: Config, logger: Logger, lease: LeaseTiming) {
  const database = await openDatabase(config.databaseUrl, { logger });
  const store = new PrismaConversationStore(database.prisma, { leaseMs: lease.leaseMs });
  // Embedded: no other process can use this database, so every hold in it is a dead predecessor's.
  if (database.kind === "pglite") {
    const taken = await store.takeBackHolds();
    if (taken > 0) logger.info({ holds: taken }, "took back work the previous run was doing when it stopped");
  }
  for (const r of config.rooftops)
    await store.ensureDealership({ id: r.id, name: r.name, timezone: r.timezone, smsNumber: r.smsNumber });
  return { database, store };
}
