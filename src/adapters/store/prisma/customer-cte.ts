import { randomUUID } from "node:crypto";
import { Prisma } from "./generated/client.js";

/**
 * The customer of a dealership and phone, found or created in the statement that needs it (a CTE
 * body returning its "id"): replicas racing on a new number settle on one row in the database.
 */
export function findOrCreateCustomer(dealershipId: string, phone: string, now: Date): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "Customer" ("id", "dealershipId", "phone", "createdAt", "updatedAt")
    VALUES (${randomUUID()}, ${dealershipId}, ${phone}, ${now}, ${now})
    ON CONFLICT ("dealershipId", "phone") DO UPDATE SET "updatedAt" = EXCLUDED."updatedAt"
    RETURNING "id"`;
}
