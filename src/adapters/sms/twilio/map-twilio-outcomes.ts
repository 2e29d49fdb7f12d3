import { isPermanentFailure } from "../../../core/messaging/send-failure.js";
import { SmsSendError, type DeliveryStatus, type SendFailureReason } from "../../../core/ports/sms.js";

/**
 * Twilio's words in Baton's: its error codes, HTTP statuses and message statuses, mapped to the
 * core's SendFailureReason and DeliveryStatus. This is the only place that knows them; compatible
 * providers reuse Twilio's codes, so they pass through here too.
 * @see https://www.twilio.com/docs/api/errors
 * @see https://www.twilio.com/docs/messaging/api/message-resource#message-status-values
 */

/** Error codes Baton knows, from a refused send (REST) or a delivery report (ErrorCode). */
const ERROR_REASONS: Readonly<Record<string, SendFailureReason>> = {
  "21610": "opted_out", // Attempt to send to unsubscribed recipient
  "21211": "invalid_number", // Invalid 'To' Phone Number
  "21614": "not_mobile", // 'To' number is not a valid mobile number
  "21612": "unroutable", // The 'To' phone number is not currently reachable via SMS
  "21408": "country_not_enabled", // Permission to send an SMS has not been enabled for the region
  "21606": "rejected", // The 'From' number is not a valid, SMS-capable number for this account
  "21659": "rejected", // The 'From' number is not a Twilio number
  "30003": "unreachable", // Unreachable destination handset
  "30004": "blocked_by_carrier", // Message blocked
  "30005": "unknown_number", // Unknown destination handset
  "30006": "landline", // Landline or unreachable carrier
  "30007": "filtered_as_spam", // Message filtered (carrier violation)
  "20429": "rate_limited", // Too Many Requests
};

/** A Twilio error code in Baton's words; `known: false` for a code this table lacks (log it). */
export function twilioErrorReason(code: string | number): { reason: SendFailureReason; known: boolean } {
  const reason = ERROR_REASONS[String(code)];
  return reason ? { reason, known: true } : { reason: "unknown", known: false };
}

/** What a delivery report's ErrorCode means, for the status callback's report. */
export const twilioFailureReasonOf = (code: string): SendFailureReason => twilioErrorReason(code).reason;

interface RestError {
  status?: number;
  code?: number;
  message?: string;
}

/**
 * A failed REST call as a send failure. A known code decides the reason; otherwise the HTTP
 * status does: 429 is rate limiting (try later), another 4xx is our request being wrong (retrying
 * sends the same wrong request), a 5xx or no answer at all (a reset, a timeout) is the provider
 * failing, and Twilio may have queued the message anyway (uncertain).
 */
export function toSmsSendError(error: unknown): SmsSendError {
  const e = (error ?? {}) as RestError;
  const byCode = e.code !== undefined ? twilioErrorReason(e.code) : undefined;
  const reason = byCode?.known ? byCode.reason : reasonForHttpStatus(e.status);
  const wrongRequest = e.status !== undefined && e.status >= 400 && e.status < 500 && e.status !== 429;
  return new SmsSendError(e.message ?? String(error), reason, {
    permanent: isPermanentFailure(reason) || wrongRequest,
    uncertain: e.status === undefined || e.status >= 500,
    providerCode: e.code !== undefined ? String(e.code) : e.status !== undefined ? `http_${e.status}` : undefined,
  });
}

function reasonForHttpStatus(status: number | undefined): SendFailureReason {
  if (status === 429) return "rate_limited";
  if (status !== undefined && status >= 400 && status < 500) return "rejected";
  return "provider_error";
}

/** Twilio's message statuses in Baton's words. */
const STATUSES: Readonly<Record<string, DeliveryStatus>> = {
  // Twilio has it and has not handed it on yet. Its "sending" is not Baton's row status
  // "sending" (a send whose outcome is not recorded yet), which the recovery sweep looks for.
  accepted: "queued",
  scheduled: "queued",
  queued: "queued",
  sending: "queued",
  sent: "sent",
  delivered: "delivered",
  read: "delivered",
  undelivered: "undeliverable",
  failed: "failed",
  canceled: "canceled",
};

/**
 * Maps Twilio's status to Baton's. An unknown word (a new one, or an inbound message's
 * "received") is "unknown", never a failure, and flagged so it can be logged.
 */
export function mapTwilioStatus(status: string): { status: DeliveryStatus; known: boolean } {
  const mapped = STATUSES[status.toLowerCase()];
  return mapped ? { status: mapped, known: true } : { status: "unknown", known: false };
}
