import type pg from "pg";

/**
 * How many statements Baton has sent its database since it opened: every query, BEGIN and
 * COMMIT counts one (one round trip to a server). The bench divides it by the texts answered.
 * PostgreSQL's are counted here; the embedded PGlite's by its thread (pglite-thread.ts).
 */
export class StatementCounter {
  count = 0;

  /** Counts every statement a pooled client sends (each client is wrapped once, when the pool opens it). */
  watchPool(pool: pg.Pool): void {
    pool.on("connect", (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as { query: unknown }).query = (...args: unknown[]) => {
        this.count++;
        return query(...args);
      };
    });
  }
}
