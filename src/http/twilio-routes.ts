import express, { type RequestHandler, type Router } from "express";
import { maskPhone } from "../core/compliance/mask-phone.js";
import type { Logger } from "../core/ports/logger.js";
import type { BatonCore } from "../core/baton-core.js";
import { TWILIO_CONNECTION_OVERRIDES } from "../adapters/sms/twilio/connection-overrides.js";
import {
  InboundSmsParams,
  mediaOfWebhook,
  StatusCallbackParams,
  toDeliveryStatusReport,
} from "../adapters/sms/twilio/parse-twilio-webhook.js";
import { BatonError } from "../core/errors/baton-error.js";
import { isValidTwilioSignature, type TwilioParams } from "../adapters/sms/twilio/verify-twilio-signature.js";
import { databaseAnswered } from "./database-outage.js";
import { mountVoiceRoutes, type VoiceRouteDeps } from "./twilio-voice-routes.js";

export interface TwilioRouteDeps {
  /** Undefined when Twilio is off: the routes then say so instead of accepting anything. */
  twilio?: { authToken: string; publicUrl: string };
  /** The core's door: stores the text (its answer follows on its own) and takes delivery reports. */
  core: Pick<BatonCore, "receiveSms" | "recordDeliveryStatus">;
  logger: Logger;
  /** Calls to the texting numbers (missed-call text-back); absent, /twilio/voice is not mounted. */
  voice?: VoiceRouteDeps;
}

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/** Twilio's signature over the URL and the form: throws the refusal for the error handler (Twilio off, or a bad signature). */
export function verifyTwilio(deps: TwilioRouteDeps): RequestHandler {
  return (req, _res, next) => {
    if (!deps.twilio)
      throw new BatonError(
        "not_configured",
        "Twilio is not configured on this Baton: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_PHONE_NUMBER and PUBLIC_URL.",
      );
    const ok = isValidTwilioSignature({
      authToken: deps.twilio.authToken,
      signature: req.header("x-twilio-signature"),
      url: deps.twilio.publicUrl + req.originalUrl,
      params: (req.body ?? {}) as TwilioParams,
    });
    if (!ok)
      throw new BatonError("bad_signature", "Invalid X-Twilio-Signature", {
        log: {
          hint: `a Twilio webhook with a missing or wrong signature: check PUBLIC_URL matches the URL set in Twilio, and that the URL ends in the path alone or in ${TWILIO_CONNECTION_OVERRIDES}`,
        },
      });
    next();
  };
}

/** A customer's text: stored before Twilio gets its 200; the answer follows on its own. */
function receiveText(deps: TwilioRouteDeps): RequestHandler {
  return async (req, res) => {
    const parsed = InboundSmsParams.safeParse(req.body);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join(".") || "body";
      throw new BatonError("bad_request", `Invalid inbound SMS webhook: ${field}`, {
        log: { field, hint: "a signed Twilio webhook with a missing or malformed field; nothing stored" },
      });
    }
    const p = parsed.data;
    const result = await deps.core.receiveSms({
      to: p.To,
      from: p.From,
      body: p.Body,
      providerId: p.MessageSid,
      numMedia: p.NumMedia,
      media: mediaOfWebhook(req.body as Record<string, unknown>, p.NumMedia),
    });
    databaseAnswered(req);
    if (!result.accepted) {
      // 404, so the number's misconfiguration shows in Twilio's error log too.
      throw new BatonError("unknown_number", "No dealership uses this number on this Baton", {
        log: {
          to: maskPhone(p.To),
          hint: "a text arrived for a number no rooftop is configured with; check TWILIO_PHONE_NUMBER / BATON_CONFIG",
        },
      });
    }
    res.status(200).type("text/xml").send(EMPTY_TWIML);
  };
}

/** A delivery report: Twilio's words and codes become Baton's in the adapter; an unknown word is logged. */
function receiveStatus(deps: TwilioRouteDeps): RequestHandler {
  return async (req, res) => {
    const parsed = StatusCallbackParams.safeParse(req.body);
    if (!parsed.success)
      throw new BatonError("bad_request", "Invalid status callback", {
        log: {
          field: parsed.error.issues[0]?.path.join(".") || "body",
          hint: "a signed Twilio status callback with a missing or malformed field",
        },
      });
    const { report, unknownStatus } = toDeliveryStatusReport(parsed.data);
    if (unknownStatus) deps.logger.warn({ status: unknownStatus }, "unknown Twilio message status");
    await deps.core.recordDeliveryStatus(report);
    databaseAnswered(req);
    res.status(204).end();
  };
}

/** POST /twilio/sms and /twilio/status: signature first, then store, then answer (Express 5 passes a rejection to the error handler). */
export function twilioRoutes(deps: TwilioRouteDeps): Router {
  const router = express.Router();
  // extended: false keeps repeated keys as arrays, exactly what the signature covers.
  router.use("/twilio", express.urlencoded({ extended: false, limit: "64kb" }));
  router.post("/twilio/sms", verifyTwilio(deps), receiveText(deps));
  router.post("/twilio/status", verifyTwilio(deps), receiveStatus(deps));
  if (deps.voice) mountVoiceRoutes(router, verifyTwilio(deps), deps.voice, deps.twilio?.publicUrl);
  return router;
}
