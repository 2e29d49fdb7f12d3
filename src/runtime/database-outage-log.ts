import type { Logger } from "../core/ports/logger.js";
import { databaseUnavailable } from "./database-unavailable.js";

interface Outage {
  since: number;
  failures: Set<string>;
  failedRequests: number;
}

/**
 * What an operator reads while the database is down: one line per kind of failure when it first
 * appears (not one stack trace per request: a burst of webhooks would bury everything else), then
 * one line when the database answers again, saying for how long and how many requests failed.
 */
export class DatabaseOutageLog {
  private outage: Outage | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * A request failed with `error`.
   * @returns true when it failed because the database is unavailable (it is then counted, and logged if its kind is new)
   */
  failed(error: unknown, where: { path: string }): boolean {
    const unavailable = databaseUnavailable(error);
    if (!unavailable) return false;
    const outage = (this.outage ??= { since: this.now(), failures: new Set(), failedRequests: 0 });
    outage.failedRequests += 1;
    if (!outage.failures.has(unavailable.failure)) {
      outage.failures.add(unavailable.failure);
      this.logger.error(
        { failure: unavailable.failure, detail: unavailable.detail, path: where.path },
        "database unavailable: requests that need it are answered 500 until it is back (logged once per kind of failure)",
      );
    }
    return true;
  }

  /** The database answered a request: ends the outage, if there was one, with one line. */
  answered(): void {
    const outage = this.outage;
    if (!outage) return;
    this.outage = undefined;
    this.logger.warn(
      { downForMs: this.now() - outage.since, failedRequests: outage.failedRequests, failures: [...outage.failures] },
      `database is back; ${outage.failedRequests} request(s) failed while it was unavailable`,
    );
  }
}
