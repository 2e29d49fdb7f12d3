import { Prisma } from "./generated/client.js";

/** P2002: a unique constraint said no. Baton uses that as its idempotency check. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
