import { disabledSmsSender } from "../adapters/sms/disabled/disabled-sms-sender.js";
import type { Config } from "../config/config.js";
import type { SmsSender } from "../core/ports/sms.js";
import type { Sandbox } from "./create-sandbox.js";
import type { IntegrationHealth } from "./integration-health.js";

/**
 * Twilio when configured, the sandbox's phones in the sandbox, else a sender that refuses (texts off).
 * Twilio's SDK is loaded only when configured: idle, it holds about 20 MB that a Baton without it never uses.
 */
export async function pickSmsSender(config: Config, health: IntegrationHealth, sandbox?: Sandbox): Promise<SmsSender> {
  if (sandbox) return sandbox.sender;
  if (!config.twilio) return disabledSmsSender;
  const [{ TwilioSmsSender }, { createTwilioClient }] = await Promise.all([
    import("../adapters/sms/twilio/twilio-sms-sender.js"),
    import("../adapters/sms/twilio/redirecting-request-client.js"),
  ]);
  const statusCallback = config.publicUrl ? `${config.publicUrl}/twilio/status` : undefined;
  return health.observe("twilio", new TwilioSmsSender(createTwilioClient(config.twilio), statusCallback));
}
