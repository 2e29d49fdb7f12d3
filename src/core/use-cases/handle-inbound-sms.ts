import { judgeConsent, type ConsentJudgement } from "../compliance/judge-consent.js";
import { crmJobs } from "./crm/crm-jobs.js";
import { isLeadNow } from "../crm/crm-outbox.js";
import { mergeLead, reachedCustomer, type Conversation, type StoredMessage } from "../conversation/conversation.js";
import { splitAtConsent } from "../conversation/split-turn.js";
import { turnDue, turnDueAt, type TurnTiming } from "../conversation/turn-timing.js";
import type { BrainDecision, HistoryEntry } from "../ports/brain.js";
import type { NewJob } from "../ports/jobs.js";
import type { JobsToCancel } from "../ports/store.js";
import type { FollowUpDeps } from "./follow-up-deps.js";
import type { ProviderMedia } from "../ports/media.js";
import { fetchTurnMedia } from "./media/run-fetch-media.js";
import { decideForPhotos, isPhotoOnly, WORDS_STILL_ABOUT_PHOTOS_MS, wordsBeforePhotos } from "../media/photo-turn.js";
import { announceOptIn, announceOptOut, answerHelp } from "./record-consent.js";
import { HANDLING_LEASE } from "../conversation/handling-lease.js";
import { whileHolding } from "./keep-lease.js";
import { showHandoffCard } from "./show-handoff-card.js";
import { askPersonAboutConsent } from "./ask-person-about-consent.js";
import { judgeRate, pauseAi } from "./guard-reply-rate.js";
import { HISTORY_LIMIT, postCustomerTexts, postTurnPictures, requestHandoff } from "./inbound-turn-parts.js";

export interface InboundSms {
  to: string;
  from: string;
  body: string;
  providerId: string;
  numMedia: number;
  /** Where the provider keeps the MMS's files: fetched after the webhook is answered. */
  media?: ProviderMedia[];
}

export type ReceiveResult =
  | { accepted: true; messageId: string; conversationId: string; duplicate: boolean }
  | { accepted: false; reason: "unknown_number" };

/** Marks a photo-only text so the brain sees that something arrived (no brain sees the picture). */
function textForBrain(message: StoredMessage): string {
  if (message.body.trim()) return message.body;
  if (message.numMedia === 0) return "[empty message]";
  return message.numMedia > 1
    ? `[the customer sent ${message.numMedia} photos without text]`
    : "[the customer sent a photo without text]";
}

/** The brain reads a burst as one message, a line per text. */
const turnForBrain = (texts: StoredMessage[]) => texts.map(textForBrain).join("\n");

/**
 * A customer's text: stored first (durable before acknowledged), then answered. Every text in
 * a conversation no person owns gets a reply; in an owned one, it goes to the rep's thread.
 */
export class HandleInboundSms {
  constructor(
    private readonly deps: FollowUpDeps,
    private readonly timing: TurnTiming = { coalesceMs: 0 },
    /** How often the hold on texts being answered is renewed (the store's lease is a few beats long). */
    private readonly renewEveryMs: number = HANDLING_LEASE.renewEveryMs,
  ) {}

  /** The webhook's part: store, nothing else, so the provider gets its answer fast. */
  async receive(sms: InboundSms): Promise<ReceiveResult> {
    const rooftop = this.deps.rooftops.bySmsNumber(sms.to);
    if (!rooftop) return { accepted: false, reason: "unknown_number" };
    const receivedAt = this.deps.clock.now();
    const recorded = await this.deps.store.recordInbound({
      dealershipId: rooftop.id,
      from: sms.from,
      body: sms.body,
      providerId: sms.providerId,
      numMedia: sms.numMedia,
      media: sms.media,
      receivedAt,
      // The CRM hears of a new conversation from the statement that opens it.
      jobsIfOpened: crmJobs(
        this.deps,
        { dealershipId: rooftop.id, department: "general" },
        "conversation.created",
        receivedAt,
        {
          channel: "sms",
        },
      ),
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
    const taken = await store.startHandling(messageId, this.madeMoot());
    if (!taken) return;
    const { message, conversation } = taken;

    await this.holding([messageId], async () => {
      await fetchTurnMedia(this.deps, [message], conversation);
      await this.handle([message], conversation);
    });
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
    const turn = await store.takeTurn(conversationId, turnDue(this.timing, now), this.madeMoot());
    if (!turn.taken) {
      const dueAt = turn.waiting && turnDueAt(this.timing, turn.waiting);
      // Due already yet nothing taken: another replica holds the texts.
      return dueAt && dueAt.getTime() > now.getTime() ? dueAt : undefined;
    }
    const ids = turn.texts.map((m) => m.id);
    await this.holding(ids, async () => {
      await fetchTurnMedia(this.deps, turn.texts, turn.conversation);
      await this.handleTurn(turn.texts, turn.conversation);
    });
    await store.finishTurn(ids, clock.now());
    return undefined;
  }

  /**
   * What any customer text makes moot (the nudges chasing a silence it ends), cancelled in the
   * statement that takes it to be answered: after any earlier turn of the conversation, so also
   * the nudge of an answer the model was still deciding when this text arrived.
   */
  private madeMoot(): JobsToCancel | undefined {
    const types = this.deps.followUps?.cancelledByCustomerText ?? [];
    return types.length > 0 ? { types, reason: "customer wrote", at: this.deps.clock.now() } : undefined;
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
      // A STOP or a handoff earlier in the burst changed the conversation, and an answer to an
      // earlier part may have planned a nudge that this part's texts make moot again.
      if (i > 0) {
        current = (await this.deps.store.getConversation(current.id)) ?? current;
        const moot = this.madeMoot();
        if (moot) await this.deps.jobs.cancel(current.id, moot.types, moot.at, moot.reason);
      }
      const kind = part[0]!.consent.kind;
      if (i < stopsAt && (kind === null || kind === "help")) {
        if (current.thread)
          await postCustomerTexts(
            this.deps,
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
    // An owner is reminded if they leave the customer waiting, counted from the first text.
    await this.deps.followUps?.customerWrote(conversation, texts[0]!);
    const consent = judged ?? judgeConsent(message.body, this.deps.judge);
    if (consent.kind === "unsure") return askPersonAboutConsent(this.deps, message, conversation, consent.revokes);
    if (consent.kind === "optout") return announceOptOut(this.deps, conversation, message, consent.by ?? "keyword");
    if (consent.kind === "optin") return announceOptIn(this.deps, conversation, message, consent.by ?? "keyword");
    if (consent.kind === "help") return answerHelp(this.deps, conversation, message, consent.by ?? "keyword");

    const consentInDoubt = conversation.status !== "resolved" && conversation.handoffReason === "may_opt_out";
    if (conversation.customer.optedOut || conversation.status === "claimed" || consentInDoubt) {
      // A person owns the thread, is deciding whether the customer wants texts at all, or we may
      // not text: the customer's words go to the people, the AI stays quiet.
      if (conversation.thread) await postCustomerTexts(this.deps, conversation.thread, texts);
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
    const rate = await judgeRate(this.deps, conversation, window, texts);
    if (rate.verdict.quiet) return pauseAi(this.deps, texts, conversation, rate.verdict, rate.handedBackAt);

    // Pictures without words: the brain reads the customer's words before them instead (see photo-turn).
    const photos = isPhotoOnly(texts) ? texts.reduce((n, t) => n + t.numMedia, 0) : 0;
    const notBefore = Math.max(clock.now().getTime() - WORDS_STILL_ABOUT_PHOTOS_MS, rate.handedBackAt?.getTime() ?? 0);
    const context = photos > 0 ? wordsBeforePhotos(earlier, new Date(notBefore)) : undefined;
    const read = await brain.decide({
      text: context?.words ?? turnForBrain(texts),
      history: context ? history.slice(0, context.index) : history,
      lead: conversation.lead,
      knowledge: rooftop.knowledge,
      now: clock.now(),
      handoffPending: conversation.status === "pending",
      language: conversation.language,
    });
    const decision = photos > 0 ? decideForPhotos(read, !!context, photos, conversation.language) : read;
    // The model read a withdrawal of consent our own rules did not: Baton follows it, sends
    // nothing, and a person decides (and opts the number out) before anyone texts again.
    if (decision.revokesConsent)
      return askPersonAboutConsent(
        this.deps,
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
    // One write: what the brain learned (the customer's language too), when the customer first got an answer and
    // the model's token use; with it, once the AI knows who wants what, the lead for the CRM, and the nudge that
    // chases the reply's question (a handoff plans other work, after it is made).
    const leadJobs = isLeadNow(conversation, patch.lead)
      ? crmJobs(this.deps, { ...conversation, department: patch.department }, "lead.qualified", clock.now())
      : [];
    const nudge =
      decision.disposition !== "handoff" && sent.outcome === "sent"
        ? this.firstNudge(conversation, decision, sent.message)
        : undefined;
    await store.updateConversation(
      conversation.id,
      { ...patch, firstResponseAt: firstAnswerNow, usage: decision.usage },
      nudge ? [...leadJobs, nudge] : leadJobs,
    );

    const handedOff =
      decision.disposition === "handoff" &&
      conversation.status === "ai" &&
      (await requestHandoff(this.deps, conversation, decision));
    if (conversation.status === "pending" && !conversation.thread) await this.showLostCard(conversation.id);
    // A card raised again on its old thread shows the turn's words; its pictures follow in the thread.
    if (handedOff && conversation.thread) await postTurnPictures(this.deps, conversation.thread, texts);
    if (!handedOff && conversation.thread) {
      await postCustomerTexts(this.deps, conversation.thread, texts);
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
      nudgePlanned: nudge !== undefined,
    });
  }

  /** The reply's nudge, planned to go with the turn's update; planning never holds up the bookkeeping. */
  private firstNudge(conversation: Conversation, decision: BrainDecision, reply: StoredMessage): NewJob | undefined {
    try {
      return this.deps.followUps?.firstNudge(conversation, decision, reply);
    } catch (error) {
      this.deps.logger.error({ err: error, what: "first nudge" }, "planning a follow-up failed");
      return undefined;
    }
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
}
