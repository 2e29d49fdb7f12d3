import { Prisma } from "./generated/client.js";

/** P2002: a unique constraint said no. Baton uses that as its idempotency check. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * What an earlier delivery already stored (`find`), else stores it (`record`). Two deliveries
 * racing both miss `find`; the one the unique constraint refuses looks again and gets the
 * winner's row (or, when there is nothing to find, records once more, now against the row that exists).
 */
export async function findOrRecord<T>(find: () => Promise<T | undefined>, record: () => Promise<T>): Promise<T> {
  const known = await find();
  if (known) return known;
  try {
    return await record();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return (await find()) ?? record();
  }
}
