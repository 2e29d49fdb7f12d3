import { DateTime } from "luxon";
import { DEFAULT_TEXTBACK_COOLDOWN_MS, decideMissedCall, writeTextBack } from "../../calls/missed-call.js";
import type { Conversation } from "../../conversation/conversation.js";
import type { Language } from "../../language/detect-language.js";
import { explainSendFailure, type SendFailureReason } from "../../messaging/send-failure.js";
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

type Action = "text" | "owner" | "cooldown" | "opted_out" | "done";

/** What Baton will do about a missed call, as the voice webhook needs it for its spoken words. */
export type MissedCallReceipt =
  | { accepted: false; reason: "unknown_number" }
  | {
      accepted: true;
      conversationId: string;
      /** text: the text-back is on its way; owner: the people in the thread are told; or why nothing is sent. */
      action: Action;
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
/** A text-back later than this (Baton was down) would come out of nowhere: people call back instead. */
const TOO_LATE_MS = 15 * 60_000;
/** Not failures of the moment: the number cannot take texts at all (a landline). */
const CANNOT_TEXT: ReadonlySet<SendFailureReason> = new Set(["not_mobile", "landline"]);

const ACTION_OF: Record<TextBackState, Action> = {
  deciding: "done",
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

/** "3:12 PM" in the store's zone. */
const timeOf = (call: StoredCall, rooftop: RooftopInfo) =>
  DateTime.fromJSDate(call.endedAt, { zone: rooftop.timezone }).toFormat("h:mm a");

/** The thread's line asking people to call a missed caller back, and why the text-back cannot do. */
const callBack = (when: string, why: string): ThreadPost => ({
  kind: "warning",
  text: `The customer called at ${when} and no one answered. ${why}: call them back.`,
});

/**
 * People must call this customer back (the text-back cannot reach them, or came too late): said in
 * the conversation's thread, raising a card when there is none, so it is never only in a log.
 */
async function askForCallBack(
  deps: CoreDeps,
  conversation: Conversation,
  post: ThreadPost,
  why: string,
): Promise<void> {
  let current = conversation;
  if (!current.thread && current.status === "ai") {
    await raiseHandoff(deps, current, { handoffReason: "not_delivered", why, actor: "system" });
    current = (await deps.store.getConversation(current.id)) ?? current;
  }
  if (current.thread) await deps.staffChat.postInThread(current.thread, post);
  else deps.logger.warn({ conversationId: current.id }, "a missed call to call back, with no thread to say it in");
}

/**
 * A text-back the carrier reported undelivered after it was accepted (Twilio's 30006 for a
 * landline comes this way): the call says so, and people are asked to call back.
 */
export async function textBackUndelivered(
  deps: CoreDeps,
  messageId: string,
  reason: SendFailureReason | undefined,
): Promise<void> {
  if (!deps.calls) return;
  const landline = reason !== undefined && CANNOT_TEXT.has(reason);
  const call = await deps.calls.markUndelivered(messageId, landline ? "cannot_text" : "failed", deps.clock.now());
  if (!call?.conversationId) return;
  const conversation = await deps.store.getConversation(call.conversationId);
  if (!conversation) return;
  const when = timeOf(call, deps.rooftops.get(conversation.dealershipId));
  const why = landline ? "Their number cannot take texts (a landline?)" : "The text-back did not reach them";
  await askForCallBack(
    deps,
    conversation,
    callBack(when, why),
    `A missed call at ${when}; the text-back did not reach the caller: call them back.`,
  );
}

/**
 * A call no one answered becomes a text conversation: stored before Twilio gets its answer
 * (`receive`), then acted on once (`process`): the text-back through the SmsGateway (which
 * re-checks opt-out and ownership at the send), or a line to the people in the thread.
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
    // A redelivery (Twilio retrying the action) promises only what the first one decided.
    const state =
      recorded.duplicate || !conversation ? recorded.call.textBack : await this.decide(recorded.call, conversation);
    if (!recorded.duplicate)
      deps.logger.info(
        { conversationId: recorded.conversationId, dial: call.dialStatus, textBack: state, opened: recorded.opened },
        "missed call",
      );
    return {
      accepted: true,
      conversationId: recorded.conversationId,
      action: ACTION_OF[state],
      language,
      duplicate: recorded.duplicate,
    };
  }

  /**
   * What the call gets, decided once: a call is stored `deciding`, and only the first decision is
   * kept (a recovery sweep may decide a call whose replica died before it could).
   */
  private async decide(call: StoredCall, known?: Conversation): Promise<TextBackState> {
    const { deps } = this;
    const conversation =
      known ?? (call.conversationId ? await deps.store.getConversation(call.conversationId) : undefined);
    if (!conversation) return call.textBack;
    const decision = decideMissedCall(conversation);
    const cooldownMs = deps.rooftops.get(call.dealershipId).voice?.textBackCooldownMs ?? DEFAULT_TEXTBACK_COOLDOWN_MS;
    const state: TextBackState =
      decision === "opted_out"
        ? "opted_out"
        : decision === "owner"
          ? "owner_pending"
          : (await deps.calls.takeTextBackSlot(
                call.customerId,
                call.endedAt,
                new Date(call.endedAt.getTime() - cooldownMs),
              ))
            ? "text_pending"
            : "cooldown";
    if (await deps.calls.decide(call.callSid, state)) return state;
    // Another decided first (a recovery sweep racing the webhook): a slot taken here goes back.
    if (state === "text_pending") await deps.calls.releaseTextBackSlot(call.customerId, call.endedAt);
    return (await deps.calls.getCall(call.callSid))?.textBack ?? state;
  }

  /** The text-back or the people's line, once, whichever replica or recovery sweep gets here first. */
  async process(callSid: string): Promise<void> {
    const { deps } = this;
    const stored = await deps.calls.getCall(callSid);
    if (stored?.textBack === "deciding") await this.decide(stored);
    const now = deps.clock.now();
    const call = await deps.calls.takeAction(callSid, now, new Date(now.getTime() - STALE_ACTION_MS));
    if (!call?.conversationId) return;
    const conversation = await deps.store.getConversation(call.conversationId);
    if (!conversation) return deps.calls.finish(callSid, "failed", now);
    const rooftop = deps.rooftops.get(conversation.dealershipId);
    if (call.textBack === "owner_taken") return this.tellPeople(call, conversation, rooftop);
    const when = timeOf(call, rooftop);
    if (now.getTime() - call.endedAt.getTime() > TOO_LATE_MS) {
      await this.giveBack(call, "failed", now);
      return askForCallBack(
        deps,
        conversation,
        callBack(when, "Baton could not text them back in time"),
        `A missed call at ${when} that Baton could not text back in time: call them back.`,
      );
    }
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
    switch (result.outcome) {
      case "sent":
      case "duplicate":
      case "retrying":
        await deps.calls.finish(callSid, "sent", at);
        if (conversation.thread)
          await deps.staffChat.postInThread(conversation.thread, {
            kind: "system",
            text: `The customer called at ${when} and no one answered; Baton texted them back.`,
          });
        return;
      case "refused":
        // Between the call and the send, a person claimed it, the customer's consent came into doubt, or they opted out.
        if (result.reason === "person_owns_thread" || result.reason === "consent_in_doubt")
          return this.tellPeople(call, conversation, rooftop, true);
        return this.giveBack(call, result.reason === "opted_out" ? "opted_out" : "failed", at);
      case "failed": {
        const landline = CANNOT_TEXT.has(result.reason);
        // A landline keeps its cooldown (it will not take a text tomorrow either); a passing failure does not.
        if (landline) await deps.calls.finish(callSid, "cannot_text", at);
        else await this.giveBack(call, "failed", at);
        deps.logger.warn(
          { conversationId: conversation.id, reason: result.reason, providerCode: result.providerCode },
          landline ? "missed call from a number that cannot take texts" : "the missed-call text-back failed",
        );
        const why = landline
          ? "Their number cannot take texts (a landline?)"
          : `The text-back did not go (${explainSendFailure(result.reason, result.error)})`;
        return askForCallBack(
          deps,
          conversation,
          callBack(when, why),
          `A missed call at ${when} that Baton could not text back: call them back.`,
        );
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
      text: `Voicemail from the customer's call at ${timeOf(call, rooftop)}${length}: ${message.url}`,
      ...(conversation.owner ? { mention: conversation.owner.id } : {}),
    };
    // Opted out of texts is not opted out of a call back: the card still goes up.
    if (!conversation.thread && conversation.status === "ai") {
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
      text: `The voicemail, as Twilio transcribed it: “${text.trim().slice(0, 2000)}”`,
    });
  }

  /** The people in the thread hear of the call; the AI stays quiet. */
  private async tellPeople(
    call: StoredCall,
    conversation: Conversation,
    rooftop: RooftopInfo,
    slotUnused = false,
  ): Promise<void> {
    const owner = conversation.owner;
    if (conversation.thread)
      await this.deps.staffChat.postInThread(conversation.thread, {
        kind: "warning",
        text: `${owner ? `${owner.name}, you` : "You"} missed a call from the customer at ${timeOf(call, rooftop)}. Baton did not text them: reply in this thread or call them back.`,
        ...(owner ? { mention: owner.id } : {}),
      });
    const at = this.deps.clock.now();
    if (slotUnused) await this.giveBack(call, "owner_told", at);
    else await this.deps.calls.finish(call.callSid, "owner_told", at);
  }

  /** Ends the call's action without a text: its cooldown slot goes back, so the next call may be texted. */
  private async giveBack(call: StoredCall, state: TextBackState, at: Date): Promise<void> {
    await this.deps.calls.finish(call.callSid, state, at);
    await this.deps.calls.releaseTextBackSlot(call.customerId, call.endedAt);
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
