import { SmsSendError, type SmsSender } from "../../../core/ports/sms.js";

/** SMS while no provider is configured: every send fails loudly, permanently. */
export const disabledSmsSender: SmsSender = {
  name: "disabled",
  async send() {
    throw new SmsSendError("SMS is off: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_PHONE_NUMBER", "sms_off", {
      permanent: true,
    });
  },
};
