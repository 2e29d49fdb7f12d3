import type { ErrorRequestHandler } from "express";
import type { Logger } from "../core/ports/logger.js";

/**
 * Last stop for an error: a client's mistake (a body too large, not parseable) is answered with
 * its 4xx and a log line; anything else with 500 and no internals.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const status = typeof error?.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status >= 500) logger.error({ err: error, path: req.path }, "request failed");
    else logger.warn({ path: req.path, status, type: error?.type }, `refused a request: ${String(error?.message ?? "bad request")}`);
    res.status(status).type("text/plain").send(status >= 500 ? "Internal error" : String(error.message ?? "Bad request"));
  };
}
