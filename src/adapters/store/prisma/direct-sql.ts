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
  /** BEGIN, `work`'s statements on one connection, COMMIT; ROLLBACK when it throws. */
  transaction<T>(work: (tx: DirectSql) => Promise<T>): Promise<T>;
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

/** A transaction of plain statements, on the driver when `client` has a direct path; see `sqlRows`. */
export function sqlTransaction<T>(client: PrismaClient, work: (tx: DirectSql) => Promise<T>): Promise<T> {
  const direct = attached.get(client);
  if (direct) return direct.transaction(work);
  return client.$transaction((tx) => work(throughPrisma(tx)));
}

/** Inside a transaction: Baton's statements never nest one (neither Prisma nor PGlite would). */
const noNesting = (): Promise<never> => Promise.reject(new Error("a transaction inside a transaction"));

/** A Prisma transaction's client as a DirectSql. */
function throughPrisma(tx: Queryable): DirectSql {
  return {
    rows: <T>(sql: Prisma.Sql) => tx.$queryRaw(sql) as Promise<T[]>,
    run: (sql: Prisma.Sql) => tx.$executeRaw(sql),
    transaction: noNesting,
  };
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
  // Prepared statements are per connection: a pooled client that has not seen the name prepares it then.
  const query = (on: pg.Pool | pg.PoolClient, sql: Prisma.Sql) => {
    const text = sql.text;
    const name = nameOf(text);
    const prepare = named.has(name) || named.size < MAX_PREPARED;
    if (prepare) named.add(name);
    return on.query({ ...(prepare ? { name } : {}), text, values: sql.values.map(toParam), types } as pg.QueryConfig);
  };
  const on = (client: pg.Pool | pg.PoolClient): Omit<DirectSql, "transaction"> => ({
    rows: async <T>(sql: Prisma.Sql) => (await query(client, sql)).rows as T[],
    run: async (sql: Prisma.Sql) => (await query(client, sql)).rowCount ?? 0,
  });
  return {
    ...on(pool),
    async transaction<T>(work: (tx: DirectSql) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: unknown;
      // Checked out, a client has no pool listener: a connection lost mid-transaction would
      // otherwise be an unhandled 'error' event that ends the process.
      const lost = (error: Error) => (broken = error);
      client.on("error", lost);
      try {
        await client.query("BEGIN");
        const result = await work({ ...on(client), transaction: noNesting });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch((rollbackFailed: unknown) => (broken = rollbackFailed));
        throw error;
      } finally {
        client.off("error", lost);
        // A connection that was lost, or could not even roll back, is not handed to the next caller.
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
  };
}

export function directPGlite(pglite: PGlite): DirectSql {
  type On = Pick<PGlite, "query">;
  const on = (target: On): Omit<DirectSql, "transaction"> => {
    const query = (sql: Prisma.Sql) => target.query(sql.text, sql.values.map(toParam), { parsers: PARSERS });
    return {
      rows: async <T>(sql: Prisma.Sql) => (await query(sql)).rows as T[],
      run: async (sql: Prisma.Sql) => (await query(sql)).affectedRows ?? 0,
    };
  };
  return {
    ...on(pglite),
    transaction: <T>(work: (tx: DirectSql) => Promise<T>) =>
      pglite.transaction((tx) => work({ ...on(tx), transaction: noNesting })) as Promise<T>,
  };
}
