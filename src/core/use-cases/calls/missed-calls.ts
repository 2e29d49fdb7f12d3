import { DateTime } from "luxon";
import { DEFAULT_TEXTBACK_COOLDOWN_MS, decideMissedCall, writeTextBack } from "../../calls/missed-call.js";
import type { Conversation } from "../../conversation/conversation.js";
import type { Language } from "../../language/detect-language.js";
import type { CallStore, MissedDial, StoredCall, TextBackState } from "../../ports/calls.js";
import type { RooftopInfo } from "../../ports/rooftops.js";
import type { ThreadPost } from "../../ports/staff-chat.js";
import type { CoreDeps } from "../core-deps.js";
import { crmJobs } from "../crm/crm-jobs.js";
import { raiseHandoff } from "../raise-handoff.js";

export interface MissedCall {
  /** The rooftop's number the customer called. */
  to: string;
  /** The caller, E.164. */
  from: string;
  callSid: string;
  dialStatus: MissedDial;
}

/** What Baton will do about a missed call, as the voice webhook needs it for its spoken words. */
export type MissedCallReceipt =
  | { accepted: false; reason: "unknown_number" }
  | {
      accepted: true;
      conversationId: string;
      /** text: the text-back is on its way; owner: the person who owns the thread is told; or why nothing is sent. */
      action: "text" | "owner" | "cooldown" | "opted_out" | "done";
      /** The returning customer's language, for the spoken words too. */
      language?: Language;
      duplicate: boolean;
    };

export interface Voicemail {
  callSid: string;
  /** Where the provider keeps the recording (a link for people; never texted). */
  url: string;
  seconds?: number;
}

/** A taken action left this long (a crashed replica) may be taken again. */
const STALE_ACTION_MS = 5 * 60_000;
/** Not failures of the moment: the number cannot take texts at all (a landline). */
const CANNOT_TEXT = new Set(["not_mobile", "landline"]);

const ACTION_OF: Record<TextBackState, "text" | "owner" | "cooldown" | "opted_out" | "done"> = {
  text_pending: "text",
  text_taken: "text",
  owner_pending: "owner",
  owner_taken: "owner",
  cooldown: "cooldown",
  opted_out: "opted_out",
  sent: "done",
  owner_told: "done",
  cannot_text: "done",
  failed: "done",
};

/**
 * A call no one answered becomes a text conversation: stored before Twilio gets its answer
 * (`receive`), then acted on once (`process`): the text-back through the SmsGateway (which
 * re-checks opt-out and ownership at the send), or a line to the person who owns the thread.
 */
export class MissedCalls {
  constructor(private readonly deps: CoreDeps & { calls: CallStore }) {}

  async receive(call: MissedCall): Promise<MissedCallReceipt> {
    const { deps } = this;
    const rooftop = deps.rooftops.bySmsNumber(call.to);
    if (!rooftop) return { accepted: false, reason: "unknown_number" };
    const at = deps.clock.now();
    const recorded = await deps.calls.recordMissedCall({
      callSid: call.callSid,
      dealershipId: rooftop.id,
      phone: call.from,
      dialStatus: call.dialStatus,
      endedAt: at,
      jobsIfOpened: crmJobs(deps, { dealershipId: rooftop.id, department: "general" }, "conversation.created", at, {
        channel: "missed_call",
      }),
    });
    const conversation = await deps.store.getConversation(recorded.conversationId);
    const language = conversation && (await this.languageOf(conversation));
    if (recorded.duplicate || !conversation)
      return {
        accepted: true,
        conversationId: recorded.conversationId,
        action: ACTION_OF[recorded.call.textBack],
        language,
        duplicate: true,
      };
    const decision = decideMissedCall(conversation);
    const cooldownMs = rooftop.voice?.textBackCooldownMs ?? DEFAULT_TEXTBACK_COOLDOWN_MS;
    const state: TextBackState =
      decision === "opted_out"
        ? "opted_out"
        : decision === "owner"
          ? "owner_pending"
          : (await deps.calls.takeTextBackSlot(recorded.customerId, at, new Date(at.getTime() - cooldownMs)))
            ? "text_pending"
            : "cooldown";
    await deps.calls.decide(call.callSid, state);
    deps.logger.info(
      { conversationId: conversation.id, dial: call.dialStatus, textBack: state, opened: recorded.opened },
      "missed call",
    );
    return { accepted: true, conversationId: conversation.id, action: ACTION_OF[state], language, duplicate: false };
  }

  /** The text-back or the owner's line, once, whichever replica or recovery sweep gets here first. */
  async process(callSid: string): Promise<void> {
    const { deps } = this;
    const now = deps.clock.now();
    const call = await deps.calls.takeAction(callSid, now, new Date(now.getTime() - STALE_ACTION_MS));
    if (!call?.conversationId) return;
    const conversation = await deps.store.getConversation(call.conversationId);
    if (!conversation) return deps.calls.finish(callSid, "failed", now);
    const rooftop = deps.rooftops.get(conversation.dealershipId);
    if (call.textBack === "owner_taken") return this.tellOwner(call, conversation, rooftop);
    const result = await deps.gateway.send({
      conversationId: conversation.id,
      body: writeTextBack({
        storeName: rooftop.knowledge.name || rooftop.name,
        language: await this.languageOf(conversation),
        custom: { en: rooftop.knowledge.missedCallText, es: rooftop.knowledge.missedCallTextEs },
      }),
      author: "ai",
      purpose: "missed_call",
      // One text-back per call, whoever retries (Twilio's retries, a recovery sweep, replicas).
      idempotencyKey: `missed_call:${callSid}`,
    });
    const at = deps.clock.now();
    const when = this.timeOf(call, rooftop);
    switch (result.outcome) {
      case "sent":
      case "duplicate":
      case "retrying":
        await deps.calls.finish(callSid, "sent", at);
        return this.note(conversation, {
          kind: "system",
          text: `📞 The customer called at ${when} and no one answered; Baton texted them back.`,
        });
      case "refused":
        // Between the call and the send, a person claimed it, the customer's consent came into doubt, or they opted out.
        if (result.reason === "person_owns_thread" || result.reason === "consent_in_doubt")
          return this.tellOwner(call, conversation, rooftop);
        return deps.calls.finish(callSid, result.reason === "opted_out" ? "opted_out" : "failed", at);
      case "failed": {
        const landline = CANNOT_TEXT.has(result.reason);
        await deps.calls.finish(callSid, landline ? "cannot_text" : "failed", at);
        deps.logger.warn(
          { conversationId: conversation.id, reason: result.reason, providerCode: result.providerCode },
          landline ? "missed call from a number that cannot take texts" : "the missed-call text-back failed",
        );
        return this.note(conversation, {
          kind: "warning",
          text: landline
            ? `📞 The customer called at ${when} and no one answered. Their number cannot take texts (a landline?): call them back.`
            : `📞 The customer called at ${when} and no one answered. The text-back did not go (${result.error}): call them back.`,
        });
      }
    }
  }

  /**
   * A voicemail's recording: its link in the conversation's thread, for people only (never texted).
   * A conversation without a thread gets one: a customer who left a message wants a person.
   */
  async voicemail(message: Voicemail): Promise<void> {
    const { deps } = this;
    const call = await deps.calls.attachRecording(message.callSid, message.url, message.seconds);
    if (!call?.conversationId) return;
    let conversation = await deps.store.getConversation(call.conversationId);
    if (!conversation) return;
    const rooftop = deps.rooftops.get(conversation.dealershipId);
    const length = message.seconds !== undefined ? ` (${formatSeconds(message.seconds)})` : "";
    const post: ThreadPost = {
      kind: "customer",
      text: `🎙️ Voicemail from the customer's call at ${this.timeOf(call, rooftop)}${length}: ${message.url}`,
      ...(conversation.owner ? { mention: conversation.owner.id } : {}),
    };
    if (!conversation.thread && conversation.status === "ai" && !conversation.customer.optedOut) {
      await raiseHandoff(deps, conversation, {
        handoffReason: "asked_for_person",
        why: "The customer called, no one answered, and they left a voicemail.",
        actor: "system",
      });
      conversation = (await deps.store.getConversation(conversation.id)) ?? conversation;
    }
    if (conversation.thread) await deps.staffChat.postInThread(conversation.thread, post);
    else deps.logger.warn({ conversationId: conversation.id }, "a voicemail with no thread to show it in");
  }

  /** Twilio's transcription of a voicemail, under it in the thread. */
  async transcription(callSid: string, text: string): Promise<void> {
    const { deps } = this;
    const call = await deps.calls.getCall(callSid);
    const conversation = call?.conversationId ? await deps.store.getConversation(call.conversationId) : undefined;
    if (!conversation?.thread) return;
    await deps.staffChat.postInThread(conversation.thread, {
      kind: "customer",
      text: `🎙️ The voicemail, as Twilio transcribed it: “${text.trim().slice(0, 2000)}”`,
    });
  }

  /** The person who owns the thread hears of the call; the AI stays quiet. */
  private async tellOwner(call: StoredCall, conversation: Conversation, rooftop: RooftopInfo): Promise<void> {
    const owner = conversation.owner;
    await this.note(conversation, {
      kind: "warning",
      text: `📞 ${owner ? `${owner.name}, you` : "You"} missed a call from the customer at ${this.timeOf(call, rooftop)}. Baton did not text them: reply in this thread or call them back.`,
      ...(owner ? { mention: owner.id } : {}),
    });
    await this.deps.calls.finish(call.callSid, "owner_told", this.deps.clock.now());
  }

  private async note(conversation: Conversation, post: ThreadPost): Promise<void> {
    if (conversation.thread) await this.deps.staffChat.postInThread(conversation.thread, post);
  }

  /** "3:12 PM" in the store's zone. */
  private timeOf(call: StoredCall, rooftop: RooftopInfo): string {
    return DateTime.fromJSDate(call.endedAt, { zone: rooftop.timezone }).toFormat("h:mm a");
  }

  /** The customer's language: this conversation's, or a returning customer's last one. */
  private async languageOf(conversation: Conversation): Promise<Language | undefined> {
    if (conversation.language) return conversation.language;
    if (!conversation.previousConversationId) return undefined;
    return (await this.deps.store.getConversation(conversation.previousConversationId))?.language;
  }
}

/** 0:42, 2:05. */
function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
