import twilio from "twilio";
import { describe, expect, it } from "vitest";
import {
  mapTwilioStatus,
  toSmsSendError,
  twilioErrorReason,
  twilioFailureReasonOf,
} from "../../src/adapters/sms/twilio/map-twilio-outcomes.js";
import { StatusCallbackParams, toDeliveryStatusReport } from "../../src/adapters/sms/twilio/parse-twilio-webhook.js";
import { SmsSendError } from "../../src/core/ports/sms.js";

/** The error the twilio SDK throws for an error answer, as the fake Twilio API makes it answer. */
const restError = (status: number, code?: number, message = "refused") =>
  new twilio.RestException({ statusCode: status, body: { status, code, message, more_info: "" } });

describe("Twilio's words in Baton's: error codes", () => {
  it.each([
    ["21610", "opted_out"],
    ["21211", "invalid_number"],
    ["21614", "not_mobile"],
    ["21612", "unroutable"],
    ["21408", "country_not_enabled"],
    ["21606", "rejected"],
    ["21659", "rejected"],
    ["30003", "unreachable"],
    ["30004", "blocked_by_carrier"],
    ["30005", "unknown_number"],
    ["30006", "landline"],
    ["30007", "filtered_as_spam"],
    ["20429", "rate_limited"],
  ])("%s is %s", (code, reason) => {
    expect(twilioErrorReason(code)).toEqual({ reason, known: true });
    expect(twilioErrorReason(Number(code))).toEqual({ reason, known: true });
    expect(twilioFailureReasonOf(code)).toBe(reason);
  });

  it("an unknown code is `unknown`, flagged so it can be logged", () => {
    expect(twilioErrorReason("30008")).toEqual({ reason: "unknown", known: false });
    expect(twilioErrorReason("")).toEqual({ reason: "unknown", known: false });
    expect(twilioFailureReasonOf("63999")).toBe("unknown");
  });
});

describe("Twilio's words in Baton's: a refused send", () => {
  it.each([
    // [what Twilio answered, reason, permanent, uncertain, providerCode]
    [restError(400, 21610, "Attempt to send to unsubscribed recipient"), "opted_out", true, false, "21610"],
    [restError(400, 21211), "invalid_number", true, false, "21211"],
    [restError(400, 30007), "filtered_as_spam", true, false, "30007"],
    [restError(400, 21606), "rejected", true, false, "21606"],
    // A code Baton does not know: the HTTP status decides.
    [restError(400, 21999), "rejected", true, false, "21999"],
    [restError(401, 20003), "rejected", true, false, "20003"],
    [restError(404), "rejected", true, false, "http_404"],
    [restError(429, 20429), "rate_limited", false, false, "20429"],
    [restError(429), "rate_limited", false, false, "http_429"],
    // A server error: Twilio may have queued it anyway.
    [restError(500, 20500), "provider_error", false, true, "20500"],
    [restError(503), "provider_error", false, true, "http_503"],
  ] as const)("%s", (error, reason, permanent, uncertain, providerCode) => {
    const failure = toSmsSendError(error);
    expect(failure).toBeInstanceOf(SmsSendError);
    expect(failure).toMatchObject({ reason, permanent, uncertain, providerCode, message: error.message });
  });

  it("no answer at all (a reset, a timeout) is the provider failing, and may have gone out", () => {
    const failure = toSmsSendError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" as unknown }));
    expect(failure).toMatchObject({ reason: "provider_error", permanent: false, uncertain: true });
    expect(toSmsSendError(new Error("timeout"))).toMatchObject({
      reason: "provider_error",
      permanent: false,
      uncertain: true,
      providerCode: undefined,
    });
  });
});

describe("Twilio's words in Baton's: message statuses", () => {
  it.each([
    ["accepted", "queued"],
    ["scheduled", "queued"],
    ["queued", "queued"],
    // Not Baton's "sending" row status, which the recovery sweep re-examines.
    ["sending", "queued"],
    ["sent", "sent"],
    ["delivered", "delivered"],
    ["read", "delivered"],
    ["undelivered", "undeliverable"],
    ["failed", "failed"],
    ["canceled", "canceled"],
    ["Delivered", "delivered"],
  ])("%s is %s", (word, status) => {
    expect(mapTwilioStatus(word)).toEqual({ status, known: true });
  });

  it.each(["received", "receiving", "partially_delivered", "bogus"])(
    "%s is unknown, never a failure, and flagged so it can be logged",
    (word) => {
      expect(mapTwilioStatus(word)).toEqual({ status: "unknown", known: false });
    },
  );

  it("a status callback becomes Baton's delivery report, Twilio's code kept for the thread and the row", () => {
    const params = StatusCallbackParams.parse({
      MessageSid: `SM${"1".repeat(32)}`,
      MessageStatus: "undelivered",
      ErrorCode: "30003",
      ErrorMessage: "Unreachable destination handset",
    });
    expect(toDeliveryStatusReport(params)).toEqual({
      report: {
        providerId: `SM${"1".repeat(32)}`,
        status: "undeliverable",
        reason: "unreachable",
        errorCode: "30003",
        errorMessage: "Unreachable destination handset",
      },
    });
    expect(
      toDeliveryStatusReport(
        StatusCallbackParams.parse({ MessageSid: `SM${"2".repeat(32)}`, MessageStatus: "Paused" }),
      ),
    ).toEqual({ report: { providerId: `SM${"2".repeat(32)}`, status: "unknown" }, unknownStatus: "Paused" });
  });
});
