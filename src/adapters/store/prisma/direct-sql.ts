import { createHash } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { Prisma, PrismaClient } from "./generated/client.js";

/**
 * Plain SQL straight to the driver, for the statements every text makes. Prisma's raw-query path
 * costs about 360 µs of CPU per statement here against about 60 µs for the same statement sent by
 * `pg` as a prepared statement (measured on PostgreSQL 15, 2 cores), and an answered text sends a
 * dozen. The SQL is still composed with `Prisma.sql` (parameters, never string concatenation), and
 * rows come back as `$queryRaw` returns them: timestamps as Dates (the columns hold UTC), int8 as
 * bigint, json parsed.
 */
export interface DirectSql {
  rows<T>(sql: Prisma.Sql): Promise<T[]>;
  /** Rows changed. */
  run(sql: Prisma.Sql): Promise<number>;
}

type Queryable = Pick<PrismaClient, "$queryRaw" | "$executeRaw">;

const attached = new WeakMap<object, DirectSql>();

/** Gives `prisma` a direct path to its driver (openDatabase does this); other clients keep Prisma's. */
export function attachDirectSql(prisma: object, direct: DirectSql): void {
  attached.set(prisma, direct);
}

/**
 * Rows of `sql`, on the driver when `client` has a direct path; a transaction's client (or a
 * client built without openDatabase) goes through Prisma, on its own connection.
 */
export function sqlRows<T>(client: Queryable, sql: Prisma.Sql): Promise<T[]> {
  const direct = attached.get(client);
  return direct ? direct.rows<T>(sql) : (client.$queryRaw(sql) as Promise<T[]>);
}

/** Rows changed by `sql`; see `sqlRows`. */
export function sqlRun(client: Queryable, sql: Prisma.Sql): Promise<number> {
  const direct = attached.get(client);
  return direct ? direct.run(sql) : client.$executeRaw(sql);
}

// The schema's timestamps are `timestamp(3)` in UTC, without a zone: read them as UTC whatever
// the process's TZ, and send Dates as UTC (pg would send local time with an offset the column drops).
const TIMESTAMP = 1114;
const INT8 = 20;
/** Where Baton reads a type unlike the driver's default, on both drivers (by type OID). */
const PARSERS: Record<number, (text: string) => unknown> = {
  [TIMESTAMP]: (text) => new Date(`${text.replace(" ", "T")}Z`),
  [INT8]: (text) => BigInt(text),
};
const toParam = (value: unknown): unknown =>
  value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.map(toParam) : value;

/** A statement's name for the server: the same text is parsed and planned once per connection. */
const nameOf = (text: string) => `baton_${createHash("sha1").update(text).digest("base64url").slice(0, 20)}`;
/** Statements whose text varies (a VALUES list per row) are not kept forever on the server. */
const MAX_PREPARED = 400;

export function directPg(pool: pg.Pool): DirectSql {
  const named = new Set<string>();
  const types = {
    getTypeParser(oid: number, format?: "text" | "binary") {
      return PARSERS[oid] ?? pg.types.getTypeParser(oid, format);
    },
  };
  const query = (sql: Prisma.Sql) => {
    const text = sql.text;
    const name = nameOf(text);
    const prepare = named.has(name) || named.size < MAX_PREPARED;
    if (prepare) named.add(name);
    return pool.query({ ...(prepare ? { name } : {}), text, values: sql.values.map(toParam), types } as pg.QueryConfig);
  };
  return {
    rows: async <T>(sql: Prisma.Sql) => (await query(sql)).rows as T[],
    run: async (sql: Prisma.Sql) => (await query(sql)).rowCount ?? 0,
  };
}

export function directPGlite(pglite: PGlite): DirectSql {
  const query = (sql: Prisma.Sql) => pglite.query(sql.text, sql.values.map(toParam), { parsers: PARSERS });
  return {
    rows: async <T>(sql: Prisma.Sql) => (await query(sql)).rows as T[],
    run: async (sql: Prisma.Sql) => (await query(sql)).affectedRows ?? 0,
  };
}
