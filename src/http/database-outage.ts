import type { Request } from "express";
import type { Logger } from "../core/ports/logger.js";
import { DatabaseOutageLog } from "../runtime/database-outage-log.js";

/**
 * One outage log per Express app (one Baton), shared by the routes of that app: the error handler
 * reports the failures, and routes that have just had an answer from the database report that,
 * which is how the "back" line is written (the load balancer's /healthz polls see it first).
 */
const outageLogs = new WeakMap<object, DatabaseOutageLog>();

/** The outage log of the app serving `req`, made the first time a request fails. */
export function databaseOutageLog(req: Request, logger: Logger): DatabaseOutageLog {
  let log = outageLogs.get(req.app);
  if (!log) outageLogs.set(req.app, (log = new DatabaseOutageLog(logger)));
  return log;
}

/** The database has just answered this request: ends an outage the app was in. */
export function databaseAnswered(req: Request): void {
  outageLogs.get(req.app)?.answered();
}
