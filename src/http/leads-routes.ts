import express, {
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from "express";
import { ADF_MAX_BYTES, readAdfLeads } from "../adapters/leads/adf/index.js";
import { describeFormIssue, formToLead, LeadFormSchema } from "../adapters/leads/form/parse-lead-form.js";
import { BatonError } from "../core/errors/baton-error.js";
import type { IncomingLead } from "../core/leads/lead.js";
import type { Logger } from "../core/ports/logger.js";
import type { LeadReceipt } from "../core/use-cases/leads/receive-lead.js";
import { databaseAnswered } from "./database-outage.js";
import { answerErrorsAsJson } from "./error-handler.js";
import { matchLeadsToken, tokenOf, type LeadsTokenEntry } from "./leads/match-leads-token.js";
import { RateWindow } from "./leads/rate-window.js";
import { withoutNul } from "./leads/without-nul.js";

export interface LeadRouteDeps {
  /** One entry per rooftop that takes leads; none: the routes say how to turn them on. */
  tokens: readonly LeadsTokenEntry[];
  timezoneOf(rooftopId: string): string;
  /** Checks and stores every lead of one delivery, all before any is stored (throws LeadRejected); first texts follow. */
  receive(rooftopId: string, leads: IncomingLead[], raw: string): Promise<LeadReceipt[]>;
  logger: Logger;
  /** Milliseconds since the epoch, for the rate windows. @default Date.now */
  now?: () => number;
}

/** Leads per minute one address may post, and one rooftop may receive, before 429. */
export const LEAD_RATE_LIMITS = { perAddress: 30, perRooftop: 300, windowMs: 60_000 } as const;

/**
 * The token first, before the body is read: a stranger's request stores nothing and costs little.
 * Before even that, one address flooding the endpoint is turned away (each lead may cost an SMS).
 * Each refusal is thrown for the error handler, whose message says which limit or token.
 */
function authenticateLeads(deps: LeadRouteDeps): RequestHandler {
  const now = deps.now ?? Date.now;
  const byAddress = new RateWindow(LEAD_RATE_LIMITS.perAddress, LEAD_RATE_LIMITS.windowMs, now);
  const byRooftop = new RateWindow(LEAD_RATE_LIMITS.perRooftop, LEAD_RATE_LIMITS.windowMs, now);
  const tooMany = (res: Response, waitS: number, what: string, rooftopId?: string) => {
    res.setHeader("Retry-After", String(waitS));
    return new BatonError("rate_limited", `Too many leads ${what}; try again in ${waitS} s.`, {
      log: rooftopId ? { rooftopId } : {},
    });
  };
  return (req, res, next) => {
    const addressWait = byAddress.take(req.ip ?? "unknown");
    if (addressWait !== undefined) throw tooMany(res, addressWait, "from this address");
    if (deps.tokens.length === 0)
      throw new BatonError(
        "leads_off",
        "Leads are not configured on this Baton: set LEADS_TOKEN (or leadsToken per rooftop in BATON_CONFIG).",
      );
    const rooftopId = matchLeadsToken(tokenOf(req), deps.tokens);
    if (!rooftopId) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="baton-leads"');
      throw new BatonError(
        "unauthorized",
        "Missing or wrong token: send Authorization: Bearer <token> or ?token=<token>.",
      );
    }
    const rooftopWait = byRooftop.take(rooftopId);
    if (rooftopWait !== undefined) throw tooMany(res, rooftopWait, "for this store", rooftopId);
    res.locals.rooftopId = rooftopId;
    next();
  };
}

/** Stores a delivery's leads and answers with their receipts: 202 when any is new, 200 for a redelivery. */
async function accept(deps: LeadRouteDeps, req: Request, res: Response, leads: () => IncomingLead[], raw: string) {
  // A document or lead Baton will not take throws AdfRejected or LeadRejected: its code is the answer.
  const receipts = await deps.receive(String(res.locals.rooftopId), leads(), raw);
  databaseAnswered(req);
  const fresh = receipts.some((r) => r.status !== "redelivered");
  const body = receipts.map(({ leadId, conversationId, status, next }) => ({ leadId, conversationId, status, next }));
  res.status(fresh ? 202 : 200).json(req.path === "/leads/form" ? { ok: true, ...body[0] } : { ok: true, leads: body });
}

/** The body parsers' errors, in words a lead provider can act on: too large, not JSON, not UTF-8. */
const bodyErrors: ErrorRequestHandler = (error, req, _res, next) => {
  if (!req.path.startsWith("/leads/")) return next(error);
  if (error?.type === "entity.too.large")
    return next(
      new BatonError("too_large", `document over ${req.path === "/leads/adf" ? ADF_MAX_BYTES / 1024 : 64} KB`),
    );
  if (error?.type === "entity.parse.failed") return next(new BatonError("malformed", "the body is not valid JSON"));
  if (error?.type === "charset.unsupported" || error?.type === "encoding.unsupported")
    return next(new BatonError("unsupported_charset", "send the body as UTF-8"));
  next(error);
};

/** POST /leads/adf (ADF/XML from lead providers) and POST /leads/form (a website's JSON form). */
export function leadsRoutes(deps: LeadRouteDeps): Router {
  const router = express.Router();
  // Lead providers read JSON: { ok: false, error: <code>, message } from the one error handler.
  router.use("/leads", (_req, res, next) => {
    answerErrorsAsJson(res);
    next();
  });
  const authenticate = authenticateLeads(deps);
  router.post(
    "/leads/adf",
    authenticate,
    express.text({ type: () => true, limit: ADF_MAX_BYTES }),
    async (req, res) => {
      const xml = withoutNul(typeof req.body === "string" ? req.body : "");
      const timezone = deps.timezoneOf(String(res.locals.rooftopId));
      await accept(deps, req, res, () => readAdfLeads(xml, { timezone }), xml);
    },
  );
  router.post("/leads/form", authenticate, express.json({ limit: "64kb" }), async (req, res) => {
    if (!req.is("application/json"))
      throw new BatonError("unsupported_type", "Send the form as JSON (Content-Type: application/json).");
    const body: unknown = withoutNul(req.body);
    const parsed = LeadFormSchema.safeParse(body);
    if (!parsed.success) throw new BatonError("invalid_form", describeFormIssue(parsed.error));
    await accept(deps, req, res, () => [formToLead(parsed.data)], JSON.stringify(body));
  });
  router.use(bodyErrors);
  return router;
}
