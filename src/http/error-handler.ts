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
}

/** Any thrown value as a Baton error code; what is not Baton's or the body parser's is internal. */
export function asHttpError(error: unknown): HttpError {
  if (error instanceof BatonError) {
    const theirs = error.httpStatus < 500 || error.code === "not_configured" || error.code === "leads_off";
    return { code: error.code, message: theirs ? error.message : "Internal error" };
  }
  const e = error as { type?: unknown; status?: unknown; message?: unknown } | undefined;
  const parsed = typeof e?.type === "string" ? BODY_ERRORS[e.type] : undefined;
  if (parsed) return { code: parsed, message: String(e?.message ?? parsed) };
  if (typeof e?.status === "number" && e.status >= 400 && e.status < 500)
    return { code: "bad_request", message: String(e.message ?? "Bad request") };
  return { code: "internal", message: "Internal error" };
}

/** Routes whose callers read JSON (the leads API) say so; everything else is answered in plain text. */
export function answerErrorsAsJson(res: Response): void {
  res.locals.errorsAsJson = true;
}

/**
 * The one place an error becomes an answer: routes throw a BatonError (or let a body parser's
 * error through), and its code decides the status and the log level. A database that cannot be
 * reached fails every request alike: that is logged once per kind of failure, not per request.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const { code, message } = asHttpError(error);
    const { httpStatus, logLevel } = ERROR_CODES[code];
    if (httpStatus < 500) logger.warn({ path: req.path, status: httpStatus, code }, `refused a request: ${message}`);
    else if (!databaseOutageLog(req, logger).failed(error, { path: req.path }))
      logger[logLevel]({ err: error, path: req.path, code }, "request failed");
    if (res.headersSent) return;
    if (res.locals.errorsAsJson) res.status(httpStatus).json({ ok: false, error: code, message });
    else res.status(httpStatus).type("text/plain").send(message);
  };
}
