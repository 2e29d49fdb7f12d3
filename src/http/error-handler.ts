import type { ErrorRequestHandler } from "express";
import type { Logger } from "../core/ports/logger.js";
import { databaseOutageLog } from "./database-outage.js";

/**
 * Last stop for an error: a client's mistake (a body too large, not parseable) is answered with
 * its 4xx and a log line; anything else with 500 and no internals. A database that cannot be
 * reached fails every request alike: that is logged once per kind of failure, not per request.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const status = typeof error?.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status < 500)
      logger.warn(
        { path: req.path, status, type: error?.type },
        `refused a request: ${String(error?.message ?? "bad request")}`,
      );
    else if (!databaseOutageLog(req, logger).failed(error, { path: req.path }))
      logger.error({ err: error, path: req.path }, "request failed");
    res
      .status(status)
      .type("text/plain")
      .send(status >= 500 ? "Internal error" : String(error.message ?? "Bad request"));
  };
}
