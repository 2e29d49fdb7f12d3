import { helpReply, optInReply } from "../compliance/keyword-replies.js";
import { describeOptOutConfirmation } from "../compliance/opt-out.js";
import { chooseLanguage } from "../language/detect-language.js";
import type { Conversation, StoredMessage } from "../conversation/conversation.js";
import type { CoreDeps } from "./core-deps.js";
import { crmJobs } from "./crm/crm-jobs.js";

/**
 * Baton answers a keyword itself when told to (SMS_KEYWORD_REPLIES=baton, for a provider that
 * does not), and always for plain words, which no provider recognises.
 */
function batonAnswers(deps: CoreDeps, by: "keyword" | "phrase"): boolean {
  return by === "phrase" || deps.keywordReplies === "baton";
}

/**
 * What every opt-out does, whoever recorded it (the customer's text, or a person with /baton
 * optout): the number is marked, scheduled texts are cancelled, and the thread is told.
 */
export async function stopTexting(
  deps: CoreDeps,
  conversation: Conversation,
  at: Date,
  what: string,
  /** Who recorded it, for the CRM: the customer's own text, or a person with /baton optout. */
  source: "customer" | "staff",
): Promise<void> {
  // The CRM hears of it too: the store must know, even though nothing more is texted.
  const jobs = crmJobs(deps, conversation, "optout.recorded", at, { source });
  await deps.store.setOptOut(conversation.customer.id, true, at, jobs);
  await deps.followUps?.optedOut(conversation.id);
  if (conversation.thread) {
    await deps.staffChat.postInThread(conversation.thread, {
      kind: "warning",
      text: `${what} Baton will send nothing more to this number, whoever asks.`,
    });
  }
}

/**
 * Opt-out: the customer's word is final. Keyword opt-outs (STOP…) are confirmed by the
 * carrier/provider itself (Twilio's Advanced Opt-Out answers them); a revocation in plain
 * words is not seen by the provider, so Baton sends the one confirmation itself.
 */
export async function announceOptOut(
  deps: CoreDeps,
  conversation: Conversation,
  message: StoredMessage,
  by: "keyword" | "phrase",
): Promise<void> {
  const at = deps.clock.now();
  const again = conversation.customer.optedOut;
  await deps.store.appendEvent({
    conversationId: conversation.id,
    type: "opted_out",
    actor: "customer",
    data: { text: message.body, by, ...(again ? { again } : {}) },
    at,
  });
  // Already out ("STOP" then "stop texting me!!"): logged, but one confirmation was enough.
  if (again) return;
  await stopTexting(deps, conversation, at, `The customer opted out of texts ("${message.body.trim()}").`, "customer");
  if (batonAnswers(deps, by)) {
    const name = deps.rooftops.get(conversation.dealershipId).name;
    await deps.gateway.send({
      conversationId: conversation.id,
      body: describeOptOutConfirmation(name, chooseLanguage(message.body, conversation.language)),
      author: "system",
      purpose: "optout_confirmation",
      idempotencyKey: `optout-confirmation:${message.id}`,
    });
  }
}

/** START/UNSTOP: recorded with the text that caused it, told to the thread, confirmed once. */
export async function announceOptIn(
  deps: CoreDeps,
  conversation: Conversation,
  message: StoredMessage,
  by: "keyword" | "phrase" = "keyword",
): Promise<void> {
  const at = deps.clock.now();
  await deps.store.setOptOut(conversation.customer.id, false, at);
  await deps.store.appendEvent({
    conversationId: conversation.id,
    type: "opted_in",
    actor: "customer",
    data: { text: message.body, by },
    at,
  });
  if (conversation.thread) {
    await deps.staffChat.postInThread(conversation.thread, {
      kind: "system",
      text: `The customer opted back in to texts ("${message.body.trim()}").`,
    });
  }
  if (batonAnswers(deps, by)) {
    await deps.gateway.send({
      conversationId: conversation.id,
      body: optInReply(
        deps.rooftops.get(conversation.dealershipId).name,
        chooseLanguage(message.body, conversation.language),
      ),
      author: "system",
      purpose: "optin_confirmation",
      idempotencyKey: `optin-confirmation:${message.id}`,
    });
  }
}

/**
 * HELP: carriers require an answer with who is texting, a contact number, "Msg & data rates may
 * apply" and how to opt out. It reaches an opted-out number too (it was asked for).
 */
export async function answerHelp(
  deps: CoreDeps,
  conversation: Conversation,
  message: StoredMessage,
  by: "keyword" | "phrase",
): Promise<void> {
  await deps.store.appendEvent({
    conversationId: conversation.id,
    type: "help_requested",
    actor: "customer",
    data: { text: message.body, by },
    at: deps.clock.now(),
  });
  if (!batonAnswers(deps, by)) return; // the provider answers the keyword; a second answer would be noise
  const rooftop = deps.rooftops.get(conversation.dealershipId);
  await deps.gateway.send({
    conversationId: conversation.id,
    body: helpReply(
      rooftop.name,
      rooftop.knowledge.mainPhone ?? rooftop.smsNumber,
      chooseLanguage(message.body, conversation.language),
    ),
    author: "system",
    purpose: "help_reply",
    idempotencyKey: `help:${message.id}`,
  });
}
