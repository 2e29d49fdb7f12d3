import type { RequestHandler } from "express";
import type { Logger } from "../core/ports/logger.js";

/** Slack's events and interactions are a few kilobytes; a megabyte is far beyond any. */
export const SLACK_BODY_LIMIT_BYTES = 1_000_000;

/**
 * Bolt reads the whole body to check Slack's signature: a stranger could make it buffer
 * megabytes per request. Before that, a request must say it is signed (both headers) and say
 * how long it is, within the limit; the signature itself is still Bolt's to check.
 */
export function refuseUnsignedSlack(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const length = Number(req.headers["content-length"]);
    const signed =
      typeof req.headers["x-slack-signature"] === "string" &&
      typeof req.headers["x-slack-request-timestamp"] === "string";
    if (!signed) return void res.status(401).type("text/plain").send("Unauthorized");
    if (!Number.isFinite(length)) return void res.status(411).type("text/plain").send("Length required");
    if (length > SLACK_BODY_LIMIT_BYTES) {
      logger.warn({ path: req.path, status: 413, bytes: length }, "refused a request: body too large");
      return void res.status(413).type("text/plain").send("Payload too large");
    }
    next();
  };
}
