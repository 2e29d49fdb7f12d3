import type { RequestHandler } from "express";
import { BatonError } from "../core/errors/baton-error.js";

/** Slack's events and interactions are a few kilobytes; a megabyte is far beyond any. */
export const SLACK_BODY_LIMIT_BYTES = 1_000_000;

/**
 * Bolt reads the whole body to check Slack's signature: a stranger could make it buffer
 * megabytes per request. Before that, a request must say it is signed (both headers) and say
 * how long it is, within the limit; the signature itself is still Bolt's to check.
 */
export function refuseUnsignedSlack(): RequestHandler {
  return (req, _res, next) => {
    const length = Number(req.headers["content-length"]);
    const signed =
      typeof req.headers["x-slack-signature"] === "string" &&
      typeof req.headers["x-slack-request-timestamp"] === "string";
    if (!signed) throw new BatonError("unsigned_request", "Unauthorized");
    if (!Number.isFinite(length)) throw new BatonError("length_required", "Length required");
    if (length > SLACK_BODY_LIMIT_BYTES)
      throw new BatonError("too_large", `Payload too large: body too large for a Slack event (${length} bytes)`);
    next();
  };
}
