import { judgeConsent, type ConsentJudgement } from "../compliance/judge-consent.js";
import { judgeReplyRate, THROTTLE_LOOKBACK_MS, type ThrottleVerdict } from "../compliance/reply-throttle.js";
import { mergeLead, reachedCustomer, type Conversation, type StoredMessage } from "../conversation/conversation.js";
import { splitAtConsent } from "../conversation/split-turn.js";
import { turnDue, turnDueAt, type TurnTiming } from "../conversation/turn-timing.js";
import type { ThreadRef } from "../ports/staff-chat.js";
import type { BrainDecision, HistoryEntry } from "../ports/brain.js";
import type { CoreDeps } from "./core-deps.js";
import { announceOptIn, announceOptOut, answerHelp } from "./record-consent.js";
import { HANDLING_LEASE } from "../conversation/handling-lease.js";
import { whileHolding } from "./keep-lease.js";
import { raiseHandoff } from "./raise-handoff.js";
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
/** Messages of the last ten minutes the flood guard reads when the history is too short: past its limits either way. */
const RATE_LOOKBACK_LIMIT = 100;

/** Marks a photo-only text so the brain and the rep see that something arrived. */
function textForBrain(message: StoredMessage): string {
  if (message.body.trim()) return message.body;
  return message.numMedia > 0 ? "[the customer sent a photo without text]" : "[empty message]";
}

function describeForThread(message: StoredMessage): string {
  const media = message.numMedia > 0 ? ` [${message.numMedia} attachment${message.numMedia > 1 ? "s" : ""}]` : "";
  return `${message.body.trim() || "(no text)"}${media}`;
}

/** The brain reads a burst as one message, a line per text. */
const turnForBrain = (texts: StoredMessage[]) => texts.map(textForBrain).join("\n");

/**
 * A customer's text: stored first (durable before acknowledged), then answered. Every text in
 * a conversation no person owns gets a reply; in an owned one, it goes to the rep's thread.
 */
export class HandleInboundSms {
  constructor(
    private readonly deps: CoreDeps,
    private readonly timing: TurnTiming = { coalesceMs: 0 },
    /** How often the hold on texts being answered is renewed (the store's lease is a few beats long). */
    private readonly renewEveryMs: number = HANDLING_LEASE.renewEveryMs,
  ) {}

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
    return {
      accepted: true,
      messageId: recorded.messageId,
      conversationId: recorded.conversationId,
      duplicate: recorded.duplicate,
    };
  }

  /** Answers a stored text once, whichever replica or retry gets here first. */
  async process(messageId: string): Promise<void> {
    const { store } = this.deps;
    const taken = await store.startHandling(messageId);
    if (!taken) return;
    const { message, conversation } = taken;

    await this.holding([messageId], () => this.handle([message], conversation));
    await store.finishHandling(messageId, this.deps.clock.now());
  }

  /**
   * Answers the customer's waiting texts as one turn once they have paused for the window. Any
   * replica's wake-up may come here: the first to find the turn due takes every waiting text (a
   * lease, as `process`), the others find nothing. Returns when to look again while the customer
   * is still typing.
   */
  async answerTurn(conversationId: string): Promise<Date | undefined> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const turn = await store.takeTurn(conversationId, turnDue(this.timing, now));
    if (!turn.taken) {
      const dueAt = turn.waiting && turnDueAt(this.timing, turn.waiting);
      // Due already yet nothing taken: another replica holds the texts.
      return dueAt && dueAt.getTime() > now.getTime() ? dueAt : undefined;
    }
    const ids = turn.texts.map((m) => m.id);
    await this.holding(ids, () => this.handleTurn(turn.texts, turn.conversation));
    await store.finishTurn(ids, clock.now());
    return undefined;
  }

  /** Keeps other replicas off these texts while this one answers them, however long the model takes. */
  private holding(messageIds: string[], work: () => Promise<void>): Promise<void> {
    return whileHolding(() => this.deps.store.renewHandling(messageIds), this.renewEveryMs, this.deps.logger, work);
  }

  /** A burst, oldest first: each consent text decided on its own, in order; the texts between answered together. */
  private async handleTurn(texts: StoredMessage[], conversation: Conversation): Promise<void> {
    const judged = texts.map((text) => ({ text, consent: judgeConsent(text.body, this.deps.judge) }));
    const parts = splitAtConsent(judged, (j) => j.consent.kind !== null);
    // The customer's last word on texts wins: nothing they asked before a STOP (or a maybe-STOP)
    // in the same burst is answered, since any answer would now come after it. People still see it.
    const stopsAt = parts.reduce(
      (last, part, i) => (part[0]!.consent.kind === "optout" || part[0]!.consent.kind === "unsure" ? i : last),
      -1,
    );
    let current = conversation;
    for (const [i, part] of parts.entries()) {
      // A STOP or a handoff earlier in the burst changed the conversation.
      if (i > 0) current = (await this.deps.store.getConversation(current.id)) ?? current;
      const kind = part[0]!.consent.kind;
      if (i < stopsAt && (kind === null || kind === "help")) {
        if (current.thread)
          await this.postCustomerTexts(
            current.thread,
            part.map((j) => j.text),
          );
        continue;
      }
      await this.handle(
        part.map((j) => j.text),
        current,
        part[0]!.consent,
      );
    }
  }

  /** Customer texts (one, or a burst with no consent words in it), oldest first. */
  private async handle(texts: StoredMessage[], conversation: Conversation, judged?: ConsentJudgement): Promise<void> {
    const message = texts.at(-1)!;
    // Any customer text resets the nudge cadence, whatever it says; the customer waits since the first.
    await this.deps.followUps?.customerWrote(conversation, texts[0]!);
    const consent = judged ?? judgeConsent(message.body, this.deps.judge);
    if (consent.kind === "unsure") return this.askPersonAboutConsent(message, conversation, consent.revokes);
    if (consent.kind === "optout") return announceOptOut(this.deps, conversation, message, consent.by ?? "keyword");
    if (consent.kind === "optin") return announceOptIn(this.deps, conversation, message, consent.by ?? "keyword");
    if (consent.kind === "help") return answerHelp(this.deps, conversation, message, consent.by ?? "keyword");

    const consentInDoubt = conversation.status !== "resolved" && conversation.handoffReason === "may_opt_out";
    if (conversation.customer.optedOut || conversation.status === "claimed" || consentInDoubt) {
      // A person owns the thread, is deciding whether the customer wants texts at all, or we may
      // not text: the customer's words go to the people, the AI stays quiet.
      if (conversation.thread) await this.postCustomerTexts(conversation.thread, texts);
      return;
    }
    await this.answerWithAi(texts, conversation);
  }

  /** One AI turn for the customer's texts (a burst answered together), unless the flood guard says not to. */
  private async answerWithAi(texts: StoredMessage[], conversation: Conversation): Promise<void> {
    const { store, brain, clock, gateway } = this.deps;
    const rooftop = this.deps.rooftops.get(conversation.dealershipId);
    const message = texts.at(-1)!;
    const inTurn = new Set(texts.map((m) => m.id));
    // Up to this turn: texts stored since are the next turn's business.
    const window = await store.listMessages(conversation.id, HISTORY_LIMIT, { inboundUpTo: message.createdAt });
    // What the customer never got (a failed or stale reply) is not something the AI said.
    const earlier = window.filter((m) => !inTurn.has(m.id) && m.direction !== "internal" && reachedCustomer(m));
    const history: HistoryEntry[] = earlier.map((m) => ({ author: m.author, body: m.body }));
    const rate = await this.judgeRate(conversation, window, texts);
    if (rate.verdict.quiet) return this.pauseAi(texts, conversation, rate.verdict, rate.handedBackAt);

    const decision = await brain.decide({
      text: turnForBrain(texts),
      history,
      lead: conversation.lead,
      knowledge: rooftop.knowledge,
      now: clock.now(),
      handoffPending: conversation.status === "pending",
      language: conversation.language,
    });
    // The model read a withdrawal of consent our own rules did not: Baton follows it, sends
    // nothing, and a person decides (and opts the number out) before anyone texts again.
    if (decision.revokesConsent)
      return this.askPersonAboutConsent(
        message,
        conversation,
        this.deps.judge?.judge(message.body).revokes ?? 0,
        "the AI model says so; Baton's own judge finds it",
      );
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
    const patch = {
      department: decision.department,
      intent: decision.intent,
      lead: mergeLead(conversation.lead, decision.lead),
      summary: decision.summary || conversation.summary,
      language: decision.language ?? conversation.language,
    };
    // One write: what the brain learned (the customer's language too), and when the customer first got an answer.
    await store.updateConversation(conversation.id, { ...patch, firstResponseAt: firstAnswerNow });
    if (decision.usage) await store.recordUsage(conversation.id, decision.usage, decision.source, clock.now());

    const handedOff =
      decision.disposition === "handoff" &&
      conversation.status === "ai" &&
      (await this.requestHandoff(conversation, decision));
    if (conversation.status === "pending" && !conversation.thread) await this.showLostCard(conversation.id);
    if (!handedOff && conversation.thread) {
      await this.postCustomerTexts(conversation.thread, texts);
      if (sent.outcome === "sent")
        await this.deps.staffChat.postInThread(conversation.thread, { kind: "ai", text: decision.reply });
    }
    await this.deps.followUps?.afterAiTurn({
      conversationId: conversation.id,
      decision,
      reply: sent.outcome === "sent" ? sent.message : undefined,
      handedOff,
      // What follow-ups need is known here unless a handoff moved the conversation: no second read.
      conversation: handedOff
        ? undefined
        : { ...conversation, ...patch, firstResponseAt: conversation.firstResponseAt ?? firstAnswerNow },
    });
  }

  /**
   * The flood and loop guard over the last ten minutes, this turn's texts included. A person who
   * handed the conversation back to the AI has seen what came before: only what came since counts.
   */
  private async judgeRate(
    conversation: Conversation,
    history: StoredMessage[],
    texts: StoredMessage[],
  ): Promise<{ verdict: ThrottleVerdict; handedBackAt?: Date }> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const lookback = new Date(now.getTime() - THROTTLE_LOOKBACK_MS);
    // The history holds the whole ten minutes when it is the whole conversation or reaches back
    // past them; only a busy thread needs a longer look.
    const covered = history.length < HISTORY_LIMIT || history[0]!.createdAt.getTime() < lookback.getTime();
    const older = covered
      ? []
      : await store.listMessages(conversation.id, RATE_LOOKBACK_LIMIT, {
          since: lookback,
          inboundUpTo: texts.at(-1)!.createdAt,
        });
    const byId = new Map(
      [...older, ...history, ...texts].filter((m) => m.direction !== "internal").map((m) => [m.id, m]),
    );
    const timed = [...byId.values()]
      .map((m) => ({ author: m.author, body: m.body, at: m.createdAt }))
      .sort((x, y) => x.at.getTime() - y.at.getTime());
    const verdict = judgeReplyRate(timed, now);
    // Only a pause looks further: a hand back is rare, and what it changes is a pause.
    if (!verdict.quiet) return { verdict };
    const handedBackAt = await store.lastHandBackAt(conversation.id);
    return handedBackAt ? { verdict: judgeReplyRate(timed, now, { since: handedBackAt }), handedBackAt } : { verdict };
  }

  /**
   * Flood or loop: the AI does not answer, and people are told why, once per ten minutes (and
   * again after a person handed the conversation back), on the card's thread (a card is raised
   * if there is none yet).
   */
  private async pauseAi(
    texts: StoredMessage[],
    conversation: Conversation,
    verdict: { reason: "flood" | "loop"; explanation: string },
    handedBackAt?: Date,
  ): Promise<void> {
    const { store, clock, staffChat } = this.deps;
    const at = clock.now();
    const window = Math.floor(at.getTime() / 600_000);
    const since = handedBackAt ? `:${handedBackAt.getTime()}` : "";
    if (!(await store.takeDelivery(`ai-paused:${conversation.id}:${window}${since}`))) {
      if (conversation.thread) await this.postCustomerTexts(conversation.thread, texts);
      return;
    }
    await store.appendEvent({
      conversationId: conversation.id,
      type: "ai_paused",
      actor: "system",
      data: { reason: verdict.reason, why: verdict.explanation },
      at,
    });
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
      await this.postCustomerTexts(conversation.thread, texts);
      if (!raised) await staffChat.postInThread(conversation.thread, { kind: "warning", text: why });
    }
  }

  /** Each text as the customer sent it, in order: a burst is several bubbles in the thread, as on their phone. */
  private async postCustomerTexts(thread: ThreadRef, texts: StoredMessage[]): Promise<void> {
    for (const text of texts)
      await this.deps.staffChat.postInThread(thread, { kind: "customer", text: describeForThread(text) });
  }

  /**
   * "I'm good, don't need anything else from you guys": maybe a revocation, maybe not. Baton
   * neither opts the number out on a guess nor answers as if nothing was said: a person reads
   * it, flagged, and the AI sends nothing until someone decides.
   */
  private async askPersonAboutConsent(
    message: StoredMessage,
    conversation: Conversation,
    revokes: number,
    judgedBy = "judged",
  ): Promise<void> {
    const { store, clock, staffChat } = this.deps;
    const why = `This text may withdraw consent to be texted (${judgedBy} ${Math.round(revokes * 100)}% likely). The AI sends nothing; a person decides, and opts the number out if so.`;
    await store.appendEvent({
      conversationId: conversation.id,
      type: "consent_unsure",
      actor: "system",
      data: { text: message.body, revokes, judgedBy },
      at: clock.now(),
    });
    const raised =
      conversation.status === "ai" &&
      (await this.requestHandoff(conversation, {
        department: "general",
        intent: "may_opt_out",
        disposition: "handoff",
        handoffReason: "may_opt_out",
        reason: why,
        reply: "",
        lead: {},
        frustration: 0,
        summary: conversation.summary ?? `The customer wrote: "${message.body.trim().slice(0, 200)}"`,
        source: "consent-judge",
      }));
    // Already with a person (pending for another reason, or claimed): the doubt is recorded all the
    // same, so the gateway holds every automated text until someone decides.
    if (!raised) await store.updateConversation(conversation.id, { handoffReason: "may_opt_out" });
    if (!conversation.thread) return;
    await staffChat.postInThread(conversation.thread, { kind: "customer", text: describeForThread(message) });
    if (!raised) await staffChat.postInThread(conversation.thread, { kind: "warning", text: why });
  }

  /**
   * Waiting for a person, yet no card is recorded: Baton died between posting the card and
   * recording it (or before posting). Found in the channel and linked, or posted, and the
   * escalation clock started, so the customer is not stranded behind an orphan card.
   */
  private async showLostCard(conversationId: string): Promise<void> {
    await showHandoffCard(this.deps, conversationId, (card) => `A person is needed: ${card.reasonText}.`, {
      lookFirst: true,
    });
    await this.deps.followUps?.handedOff(conversationId);
  }

  /** Moves the thread to "a person is needed" and shows the card; false if someone beat us to it. */
  private async requestHandoff(conversation: Conversation, decision: BrainDecision): Promise<boolean> {
    const raised = await raiseHandoff(this.deps, conversation.id, {
      handoffReason: decision.handoffReason,
      why: decision.reason,
      actor: `ai:${decision.source}`,
    });
    // A reply held back: the card's thread says which rule it broke, so a person knows what not to promise either.
    if (raised && decision.handoffReason === "guardrail") {
      const thread = (await this.deps.store.getConversation(conversation.id))?.thread;
      if (thread) await this.deps.staffChat.postInThread(thread, { kind: "warning", text: decision.reason });
    }
    return raised;
  }
}
