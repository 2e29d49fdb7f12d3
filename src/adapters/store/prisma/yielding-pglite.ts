import { setImmediate as nextTurn } from "node:timers/promises";
import type { PGlite } from "@electric-sql/pglite";
import type { StatementCounter } from "./statement-counter.js";

/**
 * PGlite runs every query synchronously on Baton's own thread, so an answer's chain of queries
 * resolves as microtasks and the event loop takes no new request until the chain hits real I/O.
 * Under a burst, webhooks waited seconds behind answers being written (measured on the bench:
 * 64 of 128 simultaneous webhooks took 1 to 8.7 s; event-loop delay p99 265 ms). Here each query
 * first lets the event loop take one turn, as a query to a server does by nature.
 */
export function yieldingToEventLoop(pglite: PGlite, counter?: StatementCounter): PGlite {
  return new Proxy(pglite, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      if (property === "query" || property === "exec") {
        return async (...args: unknown[]) => {
          if (counter) counter.count++;
          await nextTurn();
          return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        };
      }
      if (property === "transaction" && counter) return counter.countingTransaction(target);
      // PGlite keeps private fields: its own methods must run on the instance, not on the proxy.
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}
