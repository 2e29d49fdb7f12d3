import { createHmac, randomBytes, randomUUID } from "node:crypto";
import twilio from "twilio";
import { countSegments } from "./fake-twilio-api.js";

/**
 * Builders for the webhooks Slack and Twilio send Baton, signed the way the real services sign
 * them. Shapes follow Slack's and Twilio's recorded payloads and docs (see test/fixtures/SOURCES.md).
 */

// ---------- Slack ----------

/**
 * Headers for a Slack request: `v0=` + hex HMAC-SHA256(signingSecret, `v0:{ts}:{rawBody}`).
 * Content type follows the body: Events API posts JSON, interactivity posts a form.
 */
export function signSlackRequest(
  signingSecret: string,
  rawBody: string,
  timestampSeconds: number = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const ts = String(timestampSeconds);
  const signature = createHmac("sha256", signingSecret).update(`v0:${ts}:${rawBody}`).digest("hex");
  return {
    "content-type": rawBody.trimStart().startsWith("{") ? "application/json" : "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": ts,
    "x-slack-signature": `v0=${signature}`,
  };
}

export interface SlackEnvelopeOptions {
  eventId?: string;
  teamId?: string;
  apiAppId?: string;
  /** The app's bot user, listed in `authorizations`. */
  botUserId?: string;
  eventTime?: number;
}

/** An Events API `event_callback` envelope around `event`, as a raw JSON string ready to sign. */
export function slackEventBody(event: Record<string, unknown>, opts: SlackEnvelopeOptions = {}): string {
  const teamId = opts.teamId ?? "T0BATON01";
  return JSON.stringify({
    token: "verification_token",
    team_id: teamId,
    api_app_id: opts.apiAppId ?? "A0BATONAPP",
    event,
    type: "event_callback",
    event_id: opts.eventId ?? `Ev${randomId(10)}`,
    event_time: opts.eventTime ?? Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: teamId,
        user_id: opts.botUserId ?? "U0BATONBOT",
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${randomId(24)}`,
  });
}

/**
 * A `message` event from a person (no subtype). With `threadTs` it is a thread reply, which Slack
 * marks only by `thread_ts !== ts` and `parent_user_id`: there is no `message_replied` subtype here.
 * With `files` (and `subtype: "file_share"`) it is a person sharing files, e.g. `slackFileObject(f)`
 * of fake-slack-api; a share without a comment has `text: ""` and no `blocks`.
 */
export function slackMessageEvent({
  user,
  text,
  channel,
  ts,
  threadTs,
  parentUserId = "U0BATONBOT",
  teamId = "T0BATON01",
  channelType = "channel",
  subtype,
  files,
}: {
  user: string;
  text: string;
  channel: string;
  ts: string;
  threadTs?: string;
  parentUserId?: string;
  teamId?: string;
  channelType?: "channel" | "group" | "im";
  subtype?: string;
  /** File objects as the Events API delivers them (`id`, `name`, `mimetype`, `url_private_download`, ...). */
  files?: Array<Record<string, unknown>>;
}): Record<string, unknown> {
  const blocks = [
    {
      type: "rich_text",
      block_id: randomId(3),
      elements: [{ type: "rich_text_section", elements: [{ type: "text", text }] }],
    },
  ];
  return {
    client_msg_id: randomUUID(),
    type: "message",
    ...(subtype ? { subtype } : {}),
    text,
    ...(files ? { files, upload: false, display_as_bot: false } : {}),
    user,
    ts,
    team: teamId,
    ...(files && !text ? {} : { blocks }),
    ...(threadTs ? { thread_ts: threadTs, parent_user_id: parentUserId } : {}),
    channel,
    event_ts: ts,
    channel_type: channelType,
  };
}

/** The `url_verification` challenge Slack sends when the Request URL is saved. */
export function slackUrlVerificationBody(challenge: string): string {
  return JSON.stringify({ token: "verification_token", challenge, type: "url_verification" });
}

/** A button click (`block_actions`) as Slack posts it: a form with one `payload` field of JSON. */
export function slackBlockActionsBody({
  userId,
  userName,
  actionId,
  value,
  channelId,
  messageTs,
  responseUrl,
  teamId = "T0BATON01",
  blockId = "actions",
  messageText = "",
  messageBlocks = [],
  threadTs,
}: {
  userId: string;
  userName: string;
  actionId: string;
  value: string;
  channelId: string;
  messageTs: string;
  responseUrl?: string;
  teamId?: string;
  blockId?: string;
  messageText?: string;
  messageBlocks?: unknown[];
  threadTs?: string;
}): string {
  const actionTs = (Date.now() / 1000).toFixed(6);
  const payload = {
    type: "block_actions",
    user: { id: userId, username: userName, name: userName, team_id: teamId },
    api_app_id: "A0BATONAPP",
    token: "verification_token",
    container: {
      type: "message",
      message_ts: messageTs,
      channel_id: channelId,
      is_ephemeral: false,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    },
    trigger_id: `${Date.now()}.${randomDigits(12)}.${randomId(32).toLowerCase()}`,
    team: { id: teamId, domain: "baton-test" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channelId, name: "baton-handoffs" },
    // A message (not ephemeral) container: Slack includes the message the button sits on.
    message: {
      type: "message",
      user: "U0BATONBOT",
      bot_id: "B0BATONBOT",
      app_id: "A0BATONAPP",
      team: teamId,
      text: messageText,
      blocks: messageBlocks,
      ts: messageTs,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    },
    state: { values: {} },
    response_url: responseUrl ?? `https://hooks.slack.com/actions/${teamId}/${randomDigits(13)}/${randomId(24)}`,
    actions: [
      {
        action_id: actionId,
        block_id: blockId,
        text: { type: "plain_text", text: "Button", emoji: true },
        value,
        type: "button",
        action_ts: actionTs,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

// ---------- Twilio ----------

/** `X-Twilio-Signature` for a form webhook: base64 HMAC-SHA1 over the URL plus the sorted params. */
export function signTwilioRequest(authToken: string, url: string, params: Record<string, string | string[]>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}

/** Form-encodes webhook params the way Twilio posts them. */
export function toFormBody(params: Record<string, string | string[]>): string {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const one of [v].flat()) form.append(k, one);
  return form.toString();
}

/**
 * The parameters of Twilio's inbound-SMS webhook, all of them (see inbound_sms.parameters.md and the
 * recorded STOP payload). Media URLs point at Twilio's media host and are never fetched in tests.
 */
export function twilioInboundSmsParams({
  from,
  to,
  body,
  messageSid,
  numMedia = 0,
  accountSid = "AC00000000000000000000000000000000",
  messagingServiceSid,
  optOutType,
  extra = {},
}: {
  from: string;
  to: string;
  body: string;
  messageSid?: string;
  numMedia?: number;
  accountSid?: string;
  messagingServiceSid?: string;
  /** Advanced Opt-Out: STOP / START / HELP when the body matched a keyword. */
  optOutType?: "STOP" | "START" | "HELP";
  /** Added or overriding fields (Twilio adds parameters without notice). */
  extra?: Record<string, string>;
}): Record<string, string> {
  // MMS carry an MM sid, plain SMS an SM sid.
  const sid = messageSid ?? `${numMedia > 0 ? "MM" : "SM"}${randomBytes(16).toString("hex")}`;
  const media: Record<string, string> = {};
  for (let i = 0; i < numMedia; i++) {
    media[`MediaContentType${i}`] = "image/jpeg";
    media[`MediaUrl${i}`] =
      `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media/ME${randomBytes(16).toString("hex")}`;
  }
  return {
    ToCountry: "US",
    ToState: "TX",
    SmsMessageSid: sid,
    NumMedia: String(numMedia),
    ToCity: "AUSTIN",
    FromZip: "78701",
    SmsSid: sid,
    FromState: "TX",
    SmsStatus: "received",
    FromCity: "AUSTIN",
    Body: body,
    FromCountry: "US",
    To: to,
    ...(messagingServiceSid ? { MessagingServiceSid: messagingServiceSid } : {}),
    ...(optOutType ? { OptOutType: optOutType } : {}),
    ToZip: "78701",
    NumSegments: String(countSegments(body)),
    ...media,
    MessageSid: sid,
    AccountSid: accountSid,
    From: from,
    ApiVersion: "2010-04-01",
    ...extra,
  };
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const randomId = (n: number) => Array.from(randomBytes(n), (b) => ALNUM[b % ALNUM.length]).join("");
const randomDigits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join("");
