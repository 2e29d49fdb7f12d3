import { buildBaton, type Baton } from "../../src/app.js";
import { loadConfig } from "../../src/config/load-config.js";
import type { Clock } from "../../src/core/ports/clock.js";
import type { LeaseTiming } from "../../src/core/conversation/handling-lease.js";
import { silentLogger, type Logger } from "../../src/core/ports/logger.js";
import { startFakeSlackApi, type FakeSlackApi } from "./fake-slack-api.js";
import { startFakeTwilioApi, type FakeTwilioApi } from "./fake-twilio-api.js";
import {
  signSlackRequest,
  signTwilioRequest,
  slackBlockActionsBody,
  slackEventBody,
  slackMessageEvent,
  toFormBody,
  twilioInboundSmsParams,
} from "./sign-requests.js";

export const ACCOUNT_SID = "AC" + "0123456789abcdef".repeat(2);
export const AUTH_TOKEN = "twilio-test-token";
export const SIGNING_SECRET = "slack-test-signing-secret";
export const DEALER_NUMBER = "+15125550100";
export const HANDOFF_CHANNEL = "C0HANDOFF01";
/** Twilio signs what it calls: the public URL, which a proxy forwards to Baton's port. */
export const PUBLIC_URL = "https://baton.example.test";

export interface RunningBaton {
  baton: Baton;
  slack: FakeSlackApi;
  twilio: FakeTwilioApi;
  url: string;
  /** Posts a signed inbound SMS webhook, as Twilio would. */
  text(
    from: string,
    body: string,
    opts?: {
      sid?: string;
      numMedia?: number;
      signature?: string;
      /** An MMS's files as Twilio lists them (MediaUrl{i}, MediaContentType{i}), e.g. the fake's addMedia urls. */
      media?: { url: string; contentType: string }[];
    },
  ): Promise<Response>;
  /** Clicks a card button, as Slack would post it. */
  click(
    actionId: string,
    conversationId: string,
    user: { id: string; name: string },
    card: { channel: string; ts: string },
  ): Promise<Response>;
  /** A message typed in a thread, as the Events API delivers it. */
  replyInThread(
    user: string,
    text: string,
    thread: { channel: string; ts: string },
    opts?: {
      eventId?: string;
      ts?: string;
      retryNum?: number;
      /** Files shared with the reply (`slackFileObject` of the fake's files), with `subtype: "file_share"`. */
      files?: Array<Record<string, unknown>>;
      subtype?: string;
    },
  ): Promise<Response>;
  /** A `/baton …` slash command typed in a channel, as Slack posts it. */
  command(user: { id: string; name: string }, text: string, channel: string): Promise<Response>;
  /** Runs what the cron tick runs (recovery sweep, then due jobs), then waits for texts in progress. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

let tsSeq = 0;

/** One dealership on an in-memory database, texting through the fake Twilio: what every test Baton shares. */
export function testDealershipEnv(twilio: FakeTwilioApi): Record<string, string> {
  return {
    DATABASE_URL: "memory:",
    PUBLIC_URL,
    DEALERSHIP_NAME: "Maple Ridge Motors",
    DEALERSHIP_TIMEZONE: "America/Chicago",
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_PHONE_NUMBER: DEALER_NUMBER,
    TWILIO_API_URL: twilio.url,
    // Each text answered at once, as these tests expect; the burst tests set a window and move a manual clock.
    REPLY_COALESCE_MS: "0",
  };
}

/** The customer's newest conversation, once the texts in progress are answered. */
export async function newestConversationOf(run: RunningBaton, phone: string) {
  await run.baton.idle();
  return run.baton.database.prisma.conversation.findFirstOrThrow({
    where: { customer: { phone } },
    orderBy: { createdAt: "desc" },
  });
}

/** A customer's text as Twilio posts it, signed, to a Baton at `baseUrl` (a process of its own, say). */
export function postSignedText(baseUrl: string, from: string, body: string): Promise<Response> {
  const params = twilioInboundSmsParams({ from, to: DEALER_NUMBER, body, accountSid: ACCOUNT_SID });
  return fetch(`${baseUrl}/twilio/sms`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": signTwilioRequest(AUTH_TOKEN, `${PUBLIC_URL}/twilio/sms`, params),
    },
    body: toFormBody(params),
  });
}

/** Baton on an in-memory database, with the real Slack and Twilio SDKs talking to fakes on 127.0.0.1. */
export async function startBaton(
  env: Record<string, string> = {},
  shared: {
    slack?: FakeSlackApi;
    twilio?: FakeTwilioApi;
    clock?: Clock;
    smsRetryDelaysMs?: number[];
    /** How long a text's answer waits for its pictures (buildBaton's mediaFetchBudgetMs). */
    mediaFetchBudgetMs?: number;
    logger?: Logger;
    lease?: LeaseTiming;
    recoveryEveryMs?: number;
  } = {},
): Promise<RunningBaton> {
  // Replicas of one deployment share the outside world: pass the same fakes to each.
  const slack = shared.slack ?? (await startFakeSlackApi());
  const twilio = shared.twilio ?? (await startFakeTwilioApi({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }));
  const config = loadConfig({
    ...testDealershipEnv(twilio),
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_HANDOFF_CHANNEL: HANDOFF_CHANNEL,
    SLACK_API_URL: slack.url,
    ...env,
  });
  const baton = await buildBaton(config, {
    logger: shared.logger ?? silentLogger,
    clock: shared.clock,
    smsRetryDelaysMs: shared.smsRetryDelaysMs ?? [20, 40],
    mediaFetchBudgetMs: shared.mediaFetchBudgetMs,
    lease: shared.lease,
    recoveryEveryMs: shared.recoveryEveryMs,
  });
  const server = await baton.listen(0, "127.0.0.1");
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;

  const postSlack = (body: string, extra: Record<string, string> = {}) =>
    fetch(`${url}/slack/events`, {
      method: "POST",
      headers: { ...signSlackRequest(SIGNING_SECRET, body), ...extra },
      body,
    });

  return {
    baton,
    slack,
    twilio,
    url,
    text(from, body, opts = {}) {
      const params = twilioInboundSmsParams({
        from,
        to: DEALER_NUMBER,
        body,
        messageSid: opts.sid,
        numMedia: opts.media?.length ?? opts.numMedia,
        accountSid: ACCOUNT_SID,
        extra: Object.fromEntries(
          (opts.media ?? []).flatMap((m, i) => [
            [`MediaUrl${i}`, m.url],
            [`MediaContentType${i}`, m.contentType],
          ]),
        ),
      });
      const signature = opts.signature ?? signTwilioRequest(AUTH_TOKEN, `${PUBLIC_URL}/twilio/sms`, params);
      return fetch(`${url}/twilio/sms`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
        body: toFormBody(params),
      });
    },
    click(actionId, conversationId, user, card) {
      const body = slackBlockActionsBody({
        userId: user.id,
        userName: user.name,
        actionId,
        value: conversationId,
        channelId: card.channel,
        messageTs: card.ts,
        responseUrl: slack.responseUrl(),
      });
      return postSlack(body);
    },
    replyInThread(user, text, thread, opts = {}) {
      const ts = opts.ts ?? `1800000000.${String(++tsSeq).padStart(6, "0")}`;
      const event = slackMessageEvent({
        user,
        text,
        channel: thread.channel,
        ts,
        threadTs: thread.ts,
        subtype: opts.subtype,
        files: opts.files,
      });
      const body = slackEventBody(event, { eventId: opts.eventId });
      return postSlack(
        body,
        opts.retryNum ? { "x-slack-retry-num": String(opts.retryNum), "x-slack-retry-reason": "http_timeout" } : {},
      );
    },
    command(user, text, channel) {
      const body = new URLSearchParams({
        token: "verification_token",
        team_id: "T0BATON01",
        team_domain: "baton-test",
        channel_id: channel,
        channel_name: "handoffs",
        user_id: user.id,
        user_name: user.name,
        command: "/baton",
        text,
        api_app_id: "A0BATONAPP",
        response_url: slack.responseUrl(),
        trigger_id: `${++tsSeq}.trigger`,
      }).toString();
      return postSlack(body);
    },
    async tick() {
      await baton.runDueWork();
      await baton.idle();
    },
    async stop() {
      await baton.close();
      if (!shared.slack) await slack.close();
      if (!shared.twilio) await twilio.close();
    },
  };
}
