import type { PGlite, Transaction } from "@electric-sql/pglite";
import type pg from "pg";

/**
 * How many statements Baton has sent its database since it opened: every query, BEGIN and
 * COMMIT counts one (one round trip to a server). The bench divides it by the texts answered.
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

  /** PGlite's transaction runs BEGIN, the callback's statements, then COMMIT (or ROLLBACK). */
  countingTransaction(pglite: PGlite): PGlite["transaction"] {
    return <T>(callback: (tx: Transaction) => Promise<T>) => {
      this.count += 2;
      return pglite.transaction((tx) => callback(this.countingTx(tx)));
    };
  }

  private countingTx(tx: Transaction): Transaction {
    return new Proxy(tx, {
      get: (target, property) => {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== "function") return value;
        const bound = (value as (...a: unknown[]) => unknown).bind(target);
        if (property !== "query" && property !== "exec") return bound;
        return (...args: unknown[]) => {
          this.count++;
          return bound(...args);
        };
      },
    });
  }
}
