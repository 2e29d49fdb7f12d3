import type { Conversation, StoredMessage } from "../conversation/conversation.js";
import { addBusinessTime, openingHoursFor } from "../follow-up/business-hours.js";
import { findQuestion } from "../follow-up/nudge-text.js";
import { MAX_NUDGES_PER_SILENCE } from "../follow-up/settings.js";
import type { BrainDecision } from "../ports/brain.js";
import type { JobType, NewJob } from "../ports/jobs.js";
import { POST_CARD_RETRY_MS } from "./follow-up-jobs/run-post-card.js";
import { captureAiAppointment } from "./save-appointment.js";
import { flagForManagers } from "./flag-for-managers.js";
import type { AiTurn, FollowUpHooks } from "./follow-up-hooks.js";
import { safely, settingsFor, type PlannerDeps } from "./follow-up-deps.js";

/** Work Baton planned on its own; cancelled when a person takes over or the thread closes. */
const BATON_PLANNED: readonly JobType[] = ["nudge", "escalation", "rep_wait"];
/** Everything that would text the customer or chase a person about them. */
const ALL_CONVERSATION_WORK: readonly JobType[] = [
  "nudge",
  "escalation",
  "rep_wait",
  "appointment_reminder",
  "rep_followup",
];

/** Turns conversation events into scheduled jobs (and cancels the ones that no longer apply). */
export class FollowUpPlanner implements FollowUpHooks {
  constructor(private readonly deps: PlannerDeps) {}

  /** Any customer text resets the cadence: the silence it was counting is over. */
  readonly cancelledByCustomerText: readonly JobType[] = ["nudge"];

  customerWrote(conversation: Conversation, message: StoredMessage): Promise<void> {
    return safely(this.deps, "customer wrote", async () => {
      if (conversation.status === "claimed") await this.scheduleRepWait(conversation, message.createdAt);
    });
  }

  afterAiTurn(turn: AiTurn): Promise<void> {
    return safely(this.deps, "after AI turn", async () => {
      const conversation = turn.conversation ?? (await this.deps.store.getConversation(turn.conversationId));
      if (!conversation) return;
      const { decision } = turn;
      if (decision.frustration >= this.deps.frustrationThreshold || decision.handoffReason === "complaint") {
        const why =
          decision.handoffReason === "complaint"
            ? "complaint"
            : `frustrated customer (${decision.frustration.toFixed(2)})`;
        await flagForManagers(this.deps, conversation, why);
      }
      await captureAiAppointment(this.deps, conversation, decision);
      if (turn.handedOff) await this.scheduleEscalations(conversation);
      else if (turn.reply && !turn.nudgePlanned) {
        const nudge = this.firstNudge(conversation, decision, turn.reply);
        if (nudge) await this.deps.jobs.schedule(nudge);
      }
    });
  }

  /** The first nudge of a silence; each nudge schedules the next (see the nudge job). */
  firstNudge(conversation: Conversation, decision: BrainDecision, reply: StoredMessage): NewJob | undefined {
    if (conversation.status !== "ai") return undefined;
    const question = findQuestion(decision.reply);
    if (!question && decision.disposition !== "follow_up") return undefined; // nothing was asked: nothing to chase
    const cadence = settingsFor(this.deps, conversation.dealershipId).nudgeCadenceMs.slice(0, MAX_NUDGES_PER_SILENCE);
    if (cadence.length === 0) return undefined;
    const silenceStart = reply.createdAt;
    return {
      type: "nudge",
      dealershipId: conversation.dealershipId,
      conversationId: conversation.id,
      dueAt: new Date(silenceStart.getTime() + cadence[0]!),
      payload: { series: reply.id, silenceStart: silenceStart.toISOString(), attempt: 1, question },
      dedupeKey: `nudge:${conversation.id}:${reply.id}:1`,
    };
  }

  claimed(conversationId: string): Promise<void> {
    return safely(this.deps, "claimed", async () => {
      await this.deps.jobs.cancel(conversationId, ["nudge", "escalation"], this.deps.clock.now(), "claimed");
      const conversation = await this.deps.store.getConversation(conversationId);
      // The customer was just told a person will text them: the owner is reminded if they don't.
      if (conversation?.status === "claimed" && conversation.claimedAt)
        await this.scheduleRepWait(conversation, conversation.claimedAt);
    });
  }

  /** Back with the AI: nobody is late any more, and a follow-up in the rep's name would not fit. */
  handedBack(conversationId: string): Promise<void> {
    return safely(this.deps, "handed back", () =>
      this.deps.jobs.cancel(
        conversationId,
        ["escalation", "rep_wait", "rep_followup"],
        this.deps.clock.now(),
        "handed back",
      ),
    );
  }

  /** Reminders for an agreed appointment and a follow-up a rep asked for stand: people scheduled those. */
  resolved(conversationId: string): Promise<void> {
    return safely(this.deps, "resolved", () =>
      this.deps.jobs.cancel(conversationId, BATON_PLANNED, this.deps.clock.now(), "resolved"),
    );
  }

  optedOut(conversationId: string): Promise<void> {
    return safely(this.deps, "opted out", () =>
      this.deps.jobs.cancel(conversationId, ALL_CONVERSATION_WORK, this.deps.clock.now(), "opted out"),
    );
  }

  handedOff(conversationId: string): Promise<void> {
    return safely(this.deps, "handed off", async () => {
      const conversation = await this.deps.store.getConversation(conversationId);
      if (conversation) await this.scheduleEscalations(conversation);
    });
  }

  cardPosting(conversationId: string): Promise<void> {
    return safely(this.deps, "card posting", async () => {
      const conversation = await this.deps.store.getConversation(conversationId);
      if (!conversation) return;
      await this.deps.jobs.schedule({
        type: "post_card",
        dealershipId: conversation.dealershipId,
        conversationId,
        dueAt: new Date(this.deps.clock.now().getTime() + POST_CARD_RETRY_MS[0]!),
        payload: { tries: 1 },
        dedupeKey: `post-card:${conversationId}:${conversation.handoffAt?.getTime() ?? 0}`,
      });
    });
  }

  /** At the claim target and at 3× it, counted in business time from the handoff. */
  private async scheduleEscalations(conversation: Conversation): Promise<void> {
    if (conversation.status !== "pending" || !conversation.handoffAt) return;
    const rooftop = this.deps.rooftops.get(conversation.dealershipId);
    const settings = settingsFor(this.deps, conversation.dealershipId);
    const hours = openingHoursFor(rooftop.knowledge, conversation.department, settings.sendingWindow);
    const handoffAt = conversation.handoffAt;
    for (const [step, multiple] of [
      [1, 1],
      [2, 3],
    ] as const) {
      await this.deps.jobs.schedule({
        type: "escalation",
        dealershipId: conversation.dealershipId,
        conversationId: conversation.id,
        dueAt: addBusinessTime(handoffAt, settings.claimTargetMs * multiple, rooftop.timezone, hours),
        payload: { step, handoffAt: handoffAt.toISOString(), targetMs: settings.claimTargetMs },
        dedupeKey: `escalation:${conversation.id}:${handoffAt.getTime()}:${step}`,
      });
    }
  }

  /**
   * One reminder per unanswered stretch: texts after the same last rep reply (or the claim)
   * share a key, so "hello?" "anyone?" does not chase the owner twice.
   */
  private async scheduleRepWait(conversation: Conversation, waitingSince: Date): Promise<void> {
    const delay = settingsFor(this.deps, conversation.dealershipId).repReplyReminderMs;
    if (delay === null) return;
    const messages = await this.deps.store.listMessages(conversation.id, 50);
    const lastRep = messages.filter((m) => m.direction === "outbound" && m.author === "rep").at(-1);
    const stretch = lastRep ? `rep:${lastRep.id}` : `claim:${conversation.claimedAt?.getTime() ?? 0}`;
    await this.deps.jobs.schedule({
      type: "rep_wait",
      dealershipId: conversation.dealershipId,
      conversationId: conversation.id,
      dueAt: new Date(waitingSince.getTime() + delay),
      payload: { waitingSince: waitingSince.toISOString() },
      dedupeKey: `rep-wait:${conversation.id}:${stretch}`,
    });
  }
}
