import { classifyConsentText } from "../compliance/opt-out.js";
import { judgeReplyRate, THROTTLE_LIMITS } from "../compliance/reply-throttle.js";
import { mergeLead, type Conversation, type StoredMessage } from "../conversation/conversation.js";
import type { BrainDecision, HistoryEntry } from "../ports/brain.js";
import type { CoreDeps } from "./core-deps.js";
import { announceOptIn, announceOptOut, answerHelp } from "./record-consent.js";
import { showHandoffCard } from "./show-handoff-card.js";

export interface InboundSms {
  to: string;
  from: string;
  body: string;
  providerId: string;
  numMedia: number;
}

export type ReceiveResult =
  | { accepted: true; messageId: string; conversationId: string; duplicate: boolean }
  | { accepted: false; reason: "unknown_number" };

/** Messages the brain sees (the newest, up to the text being answered). */
const HISTORY_LIMIT = 30;

/** Marks a photo-only text so the brain and the rep see that something arrived. */
function textForBrain(message: StoredMessage): string {
  if (message.body.trim()) return message.body;
  return message.numMedia > 0 ? "[the customer sent a photo without text]" : "[empty message]";
}

function describeForThread(message: StoredMessage): string {
  const media = message.numMedia > 0 ? ` [${message.numMedia} attachment${message.numMedia > 1 ? "s" : ""}]` : "";
  return `${message.body.trim() || "(no text)"}${media}`;
}

/**
 * A customer's text: stored first (durable before acknowledged), then answered. Every text in
 * a conversation no person owns gets a reply; in an owned one, it goes to the rep's thread.
 */
export class HandleInboundSms {
  constructor(private readonly deps: CoreDeps) {}

  /** The webhook's part: store, nothing else, so the provider gets its answer fast. */
  async receive(sms: InboundSms): Promise<ReceiveResult> {
    const rooftop = this.deps.rooftops.bySmsNumber(sms.to);
    if (!rooftop) return { accepted: false, reason: "unknown_number" };
    const recorded = await this.deps.store.recordInbound({
      dealershipId: rooftop.id,
      from: sms.from,
      body: sms.body,
      providerId: sms.providerId,
      numMedia: sms.numMedia,
      receivedAt: this.deps.clock.now(),
    });
    return { accepted: true, messageId: recorded.messageId, conversationId: recorded.conversationId, duplicate: recorded.duplicate };
  }

  /** Answers a stored text once, whichever replica or retry gets here first. */
  async process(messageId: string): Promise<void> {
    const { store } = this.deps;
    const taken = await store.startHandling(messageId);
    if (!taken) return;
    const { message, conversation } = taken;

    await this.handle(message, conversation);
    await store.finishHandling(messageId, this.deps.clock.now());
  }

  private async handle(message: StoredMessage, conversation: Conversation): Promise<void> {
    // Any customer text resets the nudge cadence, whatever it says.
    await this.deps.followUps?.customerWrote(conversation, message);
    const consent = classifyConsentText(message.body);
    if (consent.kind === "optout") return announceOptOut(this.deps, conversation, message, consent.by ?? "keyword");
    if (consent.kind === "optin") return announceOptIn(this.deps, conversation, message, consent.by ?? "keyword");
    if (consent.kind === "help") return answerHelp(this.deps, conversation, message, consent.by ?? "keyword");

    if (conversation.customer.optedOut || conversation.status === "claimed") {
      // A person owns the thread (or we may not text): the customer's words go to the people, the AI stays quiet.
      if (conversation.thread) {
        await this.deps.staffChat.postInThread(conversation.thread, { kind: "customer", text: describeForThread(message) });
      }
      return;
    }
    await this.answerWithAi(message, conversation);
  }

  private async answerWithAi(message: StoredMessage, conversation: Conversation): Promise<void> {
    const { store, brain, clock, gateway } = this.deps;
    const rooftop = this.deps.rooftops.get(conversation.dealershipId);
    // Up to this text: in a burst, later texts are already stored but not yet this turn's business.
    const window = await store.listMessages(conversation.id, HISTORY_LIMIT, { inboundUpTo: message.createdAt });
    const earlier = window.filter((m) => m.id !== message.id && m.direction !== "internal");
    const history: HistoryEntry[] = earlier.map((m) => ({ author: m.author, body: m.body }));
    // Every AI reply of the last ten minutes counts, however many customer texts came in between.
    // The history already holds them all when it is the whole conversation or reaches back past
    // the ten minutes (AI replies are never left out of it); only a flood of texts needs a look further back.
    const tenMinutesAgo = new Date(clock.now().getTime() - 600_000);
    const historyCoversWindow = window.length < HISTORY_LIMIT || window[0]!.createdAt.getTime() < tenMinutesAgo.getTime();
    const recentReplies = historyCoversWindow ? [] : await store.listMessages(conversation.id, THROTTLE_LIMITS.perTenMinutes, { author: "ai", since: tenMinutesAgo });
    const seen = new Set(earlier.map((m) => m.id));
    const verdict = judgeReplyRate(
      [...recentReplies.filter((m) => !seen.has(m.id)), ...earlier, message]
        .map((m) => ({ author: m.author, body: m.body, at: m.createdAt }))
        .sort((x, y) => x.at.getTime() - y.at.getTime()),
      clock.now(),
    );
    if (verdict.quiet) return this.pauseAi(message, conversation, verdict);

    const decision = await brain.decide({
      text: textForBrain(message),
      history,
      lead: conversation.lead,
      knowledge: rooftop.knowledge,
      now: clock.now(),
      handoffPending: conversation.status === "pending",
    });
    // Reply first: speed to the customer matters more than the bookkeeping and the card. (A crash
    // between the two answers the text again: the brain runs again, the send is a duplicate, the
    // bookkeeping is done then.)
    const sent = await gateway.send({
      conversationId: conversation.id,
      body: decision.reply,
      author: "ai",
      purpose: "ai_reply",
      idempotencyKey: `reply:${message.id}`,
    });
    const firstAnswerNow = !conversation.firstResponseAt && sent.outcome === "sent" ? clock.now() : undefined;
    const patch = { department: decision.department, intent: decision.intent, lead: mergeLead(conversation.lead, decision.lead), summary: decision.summary || conversation.summary };
    // One write: what the brain learned, and when the customer first got an answer.
    await store.updateConversation(conversation.id, { ...patch, firstResponseAt: firstAnswerNow });
    if (decision.usage) await store.recordUsage(conversation.id, decision.usage, decision.source, clock.now());

    const handedOff = decision.disposition === "handoff" && conversation.status === "ai" && (await this.requestHandoff(conversation, decision));
    if (!handedOff && conversation.thread) {
      await this.deps.staffChat.postInThread(conversation.thread, { kind: "customer", text: describeForThread(message) });
      if (sent.outcome === "sent") await this.deps.staffChat.postInThread(conversation.thread, { kind: "ai", text: decision.reply });
    }
    await this.deps.followUps?.afterAiTurn({
      conversationId: conversation.id,
      decision,
      reply: sent.outcome === "sent" ? sent.message : undefined,
      handedOff,
      // What follow-ups need is known here unless a handoff moved the conversation: no second read.
      conversation: handedOff ? undefined : { ...conversation, ...patch, firstResponseAt: conversation.firstResponseAt ?? firstAnswerNow },
    });
  }

  /**
   * Flood or loop: the AI does not answer, and people are told why, once per ten minutes, on
   * the card's thread (a card is raised if there is none yet).
   */
  private async pauseAi(message: StoredMessage, conversation: Conversation, verdict: { reason: "flood" | "loop"; explanation: string }): Promise<void> {
    const { store, clock, staffChat } = this.deps;
    const at = clock.now();
    const window = Math.floor(at.getTime() / 600_000);
    if (!(await store.takeDelivery(`ai-paused:${conversation.id}:${window}`))) {
      if (conversation.thread) await staffChat.postInThread(conversation.thread, { kind: "customer", text: describeForThread(message) });
      return;
    }
    await store.appendEvent({ conversationId: conversation.id, type: "ai_paused", actor: "system", data: { reason: verdict.reason, why: verdict.explanation }, at });
    const why = `The AI stopped answering this number: ${verdict.explanation}. A person should look; the AI answers again once the texts slow down.`;
    const raised =
      conversation.status === "ai" &&
      (await this.requestHandoff(conversation, {
        department: conversation.department,
        intent: conversation.intent ?? "unknown",
        disposition: "handoff",
        handoffReason: "ai_paused",
        reason: why,
        reply: "",
        lead: {},
        frustration: 0,
        summary: conversation.summary ?? "",
        source: "reply-throttle",
      }));
    if (conversation.thread) {
      await staffChat.postInThread(conversation.thread, { kind: "customer", text: describeForThread(message) });
      if (!raised) await staffChat.postInThread(conversation.thread, { kind: "warning", text: why });
    }
  }

  /** Moves the thread to "a person is needed" and shows the card; false if someone beat us to it. */
  private async requestHandoff(conversation: Conversation, decision: BrainDecision): Promise<boolean> {
    const { store, clock } = this.deps;
    const at = clock.now();
    const moved = await store.applyMove({ conversationId: conversation.id, action: "request_handoff", at, handoffReason: decision.handoffReason });
    if (!moved) return false;
    await store.appendEvent({
      conversationId: conversation.id,
      type: "handoff_requested",
      actor: `ai:${decision.source}`,
      data: { reason: decision.handoffReason, why: decision.reason },
      at,
    });
    // Handed back earlier: the same card and thread carry on.
    await showHandoffCard(this.deps, conversation.id, (card) => `A person is needed again: ${card.reasonText}.`);
    return true;
  }
}
