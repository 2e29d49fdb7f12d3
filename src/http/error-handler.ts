import type { ErrorRequestHandler, Response } from "express";
import { BatonError, ERROR_CODES, type BatonErrorCode } from "../core/errors/baton-error.js";
import type { Logger } from "../core/ports/logger.js";
import { databaseOutageLog } from "./database-outage.js";

/** Express's body parsers (and the http-errors they throw) name what went wrong in `type`. */
const BODY_ERRORS: Record<string, BatonErrorCode> = {
  "entity.too.large": "too_large",
  "entity.parse.failed": "malformed",
  "charset.unsupported": "unsupported_charset",
  "encoding.unsupported": "unsupported_charset",
};

interface HttpError {
  code: BatonErrorCode;
  /** What the sender is told: the error's own words for its mistakes, nothing internal otherwise. */
  message: string;
  /** A client error the body parsers or Express raised with its own status (413, 404…): kept. */
  httpStatus: number;
  logFields: Record<string, unknown>;
}

/** Any thrown value as a Baton error code; what is not Baton's or the body parser's is internal. */
export function asHttpError(error: unknown): HttpError {
  if (error instanceof BatonError) {
    const { httpStatus } = ERROR_CODES[error.code];
    const told = httpStatus < 500 || "tellSender" in ERROR_CODES[error.code];
    return {
      code: error.code,
      message: told ? error.message : "Internal error",
      httpStatus,
      logFields: error.logFields,
    };
  }
  const e = error as { type?: unknown; status?: unknown; message?: unknown } | undefined;
  const parsed = typeof e?.type === "string" ? BODY_ERRORS[e.type] : undefined;
  if (parsed)
    return {
      code: parsed,
      message: String(e?.message ?? parsed),
      httpStatus: ERROR_CODES[parsed].httpStatus,
      logFields: {},
    };
  if (typeof e?.status === "number" && e.status >= 400 && e.status < 500)
    return { code: "bad_request", message: String(e.message ?? "Bad request"), httpStatus: e.status, logFields: {} };
  return { code: "internal", message: "Internal error", httpStatus: 500, logFields: {} };
}

/** Routes whose callers read JSON (the leads API) say so; everything else is answered in plain text. */
export function answerErrorsAsJson(res: Response): void {
  res.locals.errorsAsJson = true;
}

/**
 * The one place an error becomes an answer and a log line: routes throw a BatonError (or let a
 * body parser's error through), and its code decides the status and the log level. A refusal
 * (a client's mistake, or a service not configured) is one line with what the route knew; a
 * failure of Baton's own carries the error. A database that cannot be reached fails every
 * request alike: that is logged once per kind of failure, not per request.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const { code, message, httpStatus, logFields } = asHttpError(error);
    const { logLevel } = ERROR_CODES[code];
    const refusal = httpStatus < 500 || "tellSender" in ERROR_CODES[code];
    if (refusal)
      logger[logLevel]({ path: req.path, status: httpStatus, code, ...logFields }, `refused a request: ${message}`);
    else if (!databaseOutageLog(req, logger).failed(error, { path: req.path }))
      logger[logLevel]({ err: error, path: req.path, code }, "request failed");
    if (res.headersSent) return;
    if (res.locals.errorsAsJson) res.status(httpStatus).json({ ok: false, error: code, message });
    else res.status(httpStatus).type("text/plain").send(message);
  };
}
