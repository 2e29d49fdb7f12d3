import { Prisma } from "./generated/client.js";

type SqlValue = Prisma.Sql | string | number | boolean | Date | null | undefined;

/**
 * An UPDATE's SET list from a patch: `"column" = value` for each entry that is not undefined
 * (null sets NULL). Column names come from Baton's code, never from input; values are parameters.
 */
export function setList(values: Record<string, SqlValue>): Prisma.Sql {
  const parts = Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([column, value]) => Prisma.sql`${Prisma.raw(`"${column}"`)} = ${value}`);
  if (parts.length === 0) throw new Error("setList: nothing to set");
  return Prisma.join(parts, ", ");
}

/** A JSON value as a jsonb parameter. */
export const jsonb = (value: unknown): Prisma.Sql => Prisma.sql`${JSON.stringify(value)}::jsonb`;
