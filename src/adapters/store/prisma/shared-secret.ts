import { randomBytes } from "node:crypto";
import { Prisma, type PrismaClient } from "./generated/client.js";
import { sqlRun } from "./direct-sql.js";

/**
 * A secret every replica shares without anyone configuring it: the first process to ask makes one
 * and stores it (INSERT … ON CONFLICT DO NOTHING settles a race between replicas); everyone reads it back.
 */
export async function sharedSecret(prisma: PrismaClient, key: string): Promise<string> {
  await sqlRun(
    prisma,
    Prisma.sql`
    INSERT INTO "Setting" ("key", "value", "createdAt") VALUES (${key}, ${randomBytes(32).toString("base64url")}, ${new Date()})
    ON CONFLICT ("key") DO NOTHING`,
  );
  const row = await prisma.setting.findUniqueOrThrow({ where: { key } });
  return row.value;
}
