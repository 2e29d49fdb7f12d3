import { buildBaton, type Baton } from "../../src/app.js";
import { loadConfig } from "../../src/config/load-config.js";
import type { Clock } from "../../src/core/ports/clock.js";
import { silentLogger } from "../../src/core/ports/logger.js";
import { startFakeTeamsConnector, type FakeTeamsConnector } from "./fake-teams-connector.js";
import { startFakeTwilioApi, type FakeTwilioApi } from "./fake-twilio-api.js";
import { signTwilioRequest, toFormBody, twilioInboundSmsParams } from "./sign-requests.js";
import { ACCOUNT_SID, AUTH_TOKEN, DEALER_NUMBER, PUBLIC_URL, testDealershipEnv } from "./start-baton.js";

export interface RunningTeamsBaton {
  baton: Baton;
  teams: FakeTeamsConnector;
  twilio: FakeTwilioApi;
  url: string;
  /** Posts an activity to /api/messages as the Bot Connector would (no token: emulator mode). */
  activity(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<Response>;
  /** Posts a signed inbound SMS webhook, as Twilio would; with `media`, an MMS (e.g. the fake Twilio's addMedia urls). */
  text(from: string, body: string, opts?: { media?: { url: string; contentType: string }[] }): Promise<Response>;
  /** Runs what the cron tick runs, then waits for texts in progress. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Baton with Teams as its staff chat, on an in-memory database: the real teams-ai/botbuilder
 * stack against a fake Bot Connector, the real twilio client against a fake Twilio. Teams runs
 * in emulator mode (no credentials, no token checks) unless `env` sets TEAMS_APP_ID.
 */
export async function startTeamsBaton(
  env: Record<string, string> = {},
  options: { clock?: Clock } = {},
): Promise<RunningTeamsBaton> {
  const teams = await startFakeTeamsConnector();
  const twilio = await startFakeTwilioApi({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  const config = loadConfig({
    ...testDealershipEnv(twilio),
    ...(env.TEAMS_APP_ID ? {} : { TEAMS_EMULATOR: "true" }),
    ...env,
  });
  const baton = await buildBaton(config, { logger: silentLogger, clock: options.clock });
  const server = await baton.listen(0, "127.0.0.1");
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;

  return {
    baton,
    teams,
    twilio,
    url,
    activity(activity, headers = {}) {
      return fetch(`${url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(activity),
      });
    },
    text(from, body, opts = {}) {
      const media = opts.media ?? [];
      const params = twilioInboundSmsParams({
        from,
        to: DEALER_NUMBER,
        body,
        numMedia: media.length,
        accountSid: ACCOUNT_SID,
        extra: Object.fromEntries(
          media.flatMap((m, i) => [
            [`MediaUrl${i}`, m.url],
            [`MediaContentType${i}`, m.contentType],
          ]),
        ),
      });
      return fetch(`${url}/twilio/sms`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": signTwilioRequest(AUTH_TOKEN, `${PUBLIC_URL}/twilio/sms`, params),
        },
        body: toFormBody(params),
      });
    },
    async tick() {
      await baton.runDueWork();
      await baton.idle();
    },
    async stop() {
      await baton.close();
      await teams.close();
      await twilio.close();
    },
  };
}
