// The outside world in one process: Twilio and Slack (the test fakes on 127.0.0.1, with `record: false`
// so they keep no log of the calls under load) and the customers and reps who text and click (the load
// generator). Replies are timed here, on one clock: from the moment a customer's webhook is sent to the
// moment Baton's reply reaches the fake Twilio.
import { startFakeSlackApi, type FakeSlackCall } from "../helpers/fake-slack-api.js";
import { startFakeTwilioApi } from "../helpers/fake-twilio-api.js";
import {
  signSlackRequest,
  signTwilioRequest,
  slackBlockActionsBody,
  toFormBody,
  twilioInboundSmsParams,
} from "../helpers/sign-requests.js";
import { cpuSeconds, serveParent } from "./child.js";
import { BENCH } from "./constants.js";
import { runBurst, runClosedLoop, runOpenLoop, type LoadRequest } from "./load.js";
import { summarize } from "./stats.js";
import { HANDOFF_TEXT, TEXTS } from "./texts.js";

/** A handoff card as posted: its Claim button carries the conversation id. */
interface PostedCard {
  conversationId: string;
  channel: string;
  ts: string;
}

const SMS_URL = `${BENCH.publicUrl}/twilio/sms`;
/** What Twilio needs back from a webhook: 200 with TwiML. */
const answeredWithTwiml = (status: number, body: string) => status === 200 && body.includes("<Response>");
let customerSeq = 0;
let sidSeq = 0;

/** A signed inbound-SMS webhook from a customer who has not texted before. */
function inboundWebhook(body: string): { request: LoadRequest; phone: string } {
  const phone = `+1${2_000_000_000 + ++customerSeq}`;
  const messageSid = `SM${process.pid.toString(16).padStart(8, "0")}${(++sidSeq).toString(16).padStart(24, "0")}`;
  const params = twilioInboundSmsParams({
    from: phone,
    to: BENCH.dealerNumber,
    body,
    messageSid,
    accountSid: BENCH.accountSid,
  });
  return {
    phone,
    request: {
      path: "/twilio/sms",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": signTwilioRequest(BENCH.authToken, SMS_URL, params),
      },
      body: toFormBody(params),
    },
  };
}

/** A Claim click as Slack posts it (block_actions), signed. */
function claimClick(card: PostedCard, rep: string): LoadRequest {
  const body = slackBlockActionsBody({
    userId: rep,
    userName: rep,
    actionId: "baton_claim",
    value: card.conversationId,
    channelId: card.channel,
    messageTs: card.ts,
    responseUrl: slack.responseUrl(),
  });
  return { path: "/slack/events", headers: signSlackRequest(BENCH.signingSecret, body), body };
}

/** The conversation a card's Claim button names, when the posted blocks have one. */
function claimValue(blocks: unknown): string | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const block of blocks as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>)
    for (const element of block.elements ?? []) if (element.action_id === "baton_claim") return element.value;
  return undefined;
}

// Replies awaited, by customer phone: when the webhook was sent, and whether it is measured.
const awaiting = new Map<string, { sentAt: number; recorded: boolean }>();
let replyLatencies: number[] = [];
let repliesInWindow = 0;
let repliesAfterLoad = 0;
let loadEndedAt = Infinity;
let window = { from: Infinity, to: -Infinity };
let onReply: (() => void) | undefined;

const cards: PostedCard[] = [];
let onCard: (() => void) | undefined;
const updatesAwaited = new Map<string, number>(); // card ts → click sent at
let updateLatencies: number[] = [];
let onUpdateSeen: (() => void) | undefined;

const twilio = await startFakeTwilioApi({
  accountSid: BENCH.accountSid,
  authToken: BENCH.authToken,
  record: false,
  onMessage({ to }, at) {
    if (at >= window.from && at <= window.to) repliesInWindow++;
    if (at > loadEndedAt) repliesAfterLoad++;
    const waiting = awaiting.get(to);
    if (!waiting) return; // a claim notice, or a second text to the same number
    awaiting.delete(to);
    if (waiting.recorded) replyLatencies.push(at - waiting.sentAt);
    onReply?.();
  },
});
const slack = await startFakeSlackApi({
  token: BENCH.botToken,
  record: false,
  onCall(call: FakeSlackCall, at: number) {
    if (call.response.body.ok !== true) return;
    if (call.method === "chat.postMessage") {
      const conversationId = claimValue(call.body.blocks);
      if (!conversationId) return; // a thread post, not a card
      cards.push({ conversationId, channel: String(call.response.body.channel), ts: String(call.response.body.ts) });
      onCard?.();
    } else if (call.method === "chat.update") {
      const ts = String(call.body.ts);
      const sentAt = updatesAwaited.get(ts);
      if (sentAt === undefined) return;
      updatesAwaited.delete(ts);
      updateLatencies.push(at - sentAt);
      onUpdateSeen?.();
    }
  },
});

/** Resolves when `done()` holds, checking on each event, or after `timeoutMs`; returns whether it held. */
function waitUntil(
  done: () => boolean,
  timeoutMs: number,
  hook: (fn: (() => void) | undefined) => void,
): Promise<boolean> {
  if (done()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => (hook(undefined), resolve(false)), timeoutMs);
    hook(() => {
      if (!done()) return;
      clearTimeout(timer);
      hook(undefined);
      resolve(true);
    });
  });
}

interface InboundArgs {
  url: string;
  concurrency: number;
  warmupMs: number;
  measureMs: number;
  /** Baton answers by SMS; the floor does not. */
  expectReplies: boolean;
  drainTimeoutMs: number;
}

serveParent(
  { twilioUrl: twilio.url, slackUrl: slack.url },
  {
    async inbound(args: InboundArgs) {
      awaiting.clear();
      replyLatencies = [];
      repliesInWindow = 0;
      repliesAfterLoad = 0;
      loadEndedAt = Infinity;
      let textIndex = 0;
      const cpu0 = cpuSeconds();
      const startedAt = performance.now();
      window = { from: startedAt + args.warmupMs, to: startedAt + args.warmupMs + args.measureMs };
      const load = await runClosedLoop({
        url: args.url,
        concurrency: args.concurrency,
        warmupMs: args.warmupMs,
        measureMs: args.measureMs,
        next(recorded) {
          const { request, phone } = inboundWebhook(TEXTS[textIndex++ % TEXTS.length]!);
          return {
            request,
            onStart: args.expectReplies ? (at) => awaiting.set(phone, { sentAt: at, recorded }) : undefined,
          };
        },
        isOk: answeredWithTwiml,
      });
      const loadCpu = cpuSeconds() - cpu0;
      const loadEnd = performance.now();
      loadEndedAt = loadEnd;
      const recordedWaiting = () => [...awaiting.values()].filter((w) => w.recorded).length;
      const drained = args.expectReplies
        ? await waitUntil(
            () => recordedWaiting() === 0,
            args.drainTimeoutMs,
            (fn) => (onReply = fn),
          )
        : true;
      const replies = summarize(replyLatencies);
      const drainMs = args.expectReplies ? performance.now() - loadEnd : 0;
      loadEndedAt = Infinity;
      return {
        recorded: load.recorded,
        sent: textIndex,
        rps: load.rps,
        windowMs: load.windowMs,
        latency: summarize(load.latencies),
        errors: load.errors,
        errorKinds: load.errorKinds,
        replies,
        repliesPerSecond: (repliesInWindow * 1000) / args.measureMs,
        missingReplies: args.expectReplies ? recordedWaiting() : 0,
        drainMs,
        // Once the webhooks stop, Baton spends all it has on the backlog: its answering capacity.
        // Only with a backlog worth the name (a second of draining); else there is nothing to measure.
        drainRepliesPerSecond: drainMs >= 1000 ? (repliesAfterLoad * 1000) / drainMs : undefined,
        drained,
        worldCpuPct: (loadCpu * 100_000) / (loadEnd - startedAt),
      };
    },

    /** Texts arriving at a fixed rate for a while; then waits for every reply. */
    async steady(args: { url: string; ratePerSecond: number; durationMs: number; drainTimeoutMs: number }) {
      awaiting.clear();
      replyLatencies = [];
      let textIndex = 0;
      const load = await runOpenLoop({
        url: args.url,
        ratePerSecond: args.ratePerSecond,
        durationMs: args.durationMs,
        next() {
          const { request, phone } = inboundWebhook(TEXTS[textIndex++ % TEXTS.length]!);
          return { request, onStart: (at) => awaiting.set(phone, { sentAt: at, recorded: true }) };
        },
        isOk: answeredWithTwiml,
      });
      const drained = await waitUntil(
        () => awaiting.size === 0,
        args.drainTimeoutMs,
        (fn) => (onReply = fn),
      );
      return {
        sent: load.sent,
        latency: summarize(load.latencies),
        errors: load.errors,
        errorKinds: load.errorKinds,
        replies: summarize(replyLatencies),
        missingReplies: awaiting.size,
        drained,
      };
    },

    /** Texts that ask for a person, from `n` new customers, until `n` cards are posted. */
    async makeCards(args: { url: string; n: number; timeoutMs: number }) {
      cards.length = 0;
      const t0 = performance.now();
      const requests = Array.from({ length: args.n }, () => inboundWebhook(HANDOFF_TEXT).request);
      for (let i = 0; i < requests.length; i += 20) {
        const burst = await runBurst({ url: args.url, requests: requests.slice(i, i + 20), isOk: (s) => s === 200 });
        if (burst.errors > 0) throw new Error(`handoff texts failed: ${JSON.stringify(burst.errorKinds)}`);
      }
      const ok = await waitUntil(
        () => cards.length >= args.n,
        args.timeoutMs,
        (fn) => (onCard = fn),
      );
      if (!ok) throw new Error(`${cards.length} of ${args.n} handoff cards posted within ${args.timeoutMs} ms`);
      return { cards: cards.length, ms: performance.now() - t0 };
    },

    /** Every card claimed at once by a different rep: acknowledgement and chat.update times. */
    async claimAll(args: { url: string; round: number; timeoutMs: number }) {
      updateLatencies = [];
      updatesAwaited.clear();
      const batch = cards.splice(0);
      const reps = batch.map((_, i) => `U${String(args.round).padStart(2, "0")}REP${String(i).padStart(4, "0")}`);
      // Each rep is a member of the workspace: users.info finds them, as Slack would.
      for (const rep of reps)
        slack.users.set(rep, { name: rep.toLowerCase(), real_name: `Rep ${rep}`, display_name: `Rep ${rep}` });
      const requests = batch.map((card, i) => claimClick(card, reps[i]!));
      const burst = await runBurst({
        url: args.url,
        requests,
        onStart: (i, at) => updatesAwaited.set(batch[i]!.ts, at),
        isOk: (status) => status === 200,
      });
      const updated = await waitUntil(
        () => updatesAwaited.size === 0,
        args.timeoutMs,
        (fn) => (onUpdateSeen = fn),
      );
      return {
        clicks: batch.length,
        ack: burst.latencies,
        errors: burst.errors,
        errorKinds: burst.errorKinds,
        update: updateLatencies,
        missingUpdates: updated ? 0 : updatesAwaited.size,
      };
    },

    /** The same burst of signed Claim clicks, at the floor server: what the framework alone costs. */
    async floorClicks(args: { url: string; n: number; round: number }) {
      const requests = Array.from({ length: args.n }, (_, i) =>
        claimClick(
          { conversationId: `floor-${args.round}-${i}`, channel: BENCH.handoffChannel, ts: `1.${args.round}${i}` },
          `UFLOOR${String(i).padStart(4, "0")}`,
        ),
      );
      const burst = await runBurst({ url: args.url, requests, isOk: (status) => status === 200 });
      return { ack: burst.latencies, errors: burst.errors };
    },

    slackCalls: () => Object.fromEntries(slack.counts),
    async close() {
      await twilio.close();
      await slack.close();
    },
  },
);
