import type { BatonCore, BatonPorts, BatonSettings, StaffMoves } from "./baton-core.js";
import { HANDLING_LEASE } from "./conversation/handling-lease.js";
import { BatonError } from "./errors/baton-error.js";
import { SendPacing } from "./messaging/send-pacing.js";
import { SmsGateway } from "./messaging/sms-gateway.js";
import { JobRunner } from "./scheduling/job-runner.js";
import { announceModelBack, announceModelPaused } from "./use-cases/announce-model-pause.js";
import { claimConversation } from "./use-cases/claim-conversation.js";
import type { FollowUpDeps, PlannerDeps } from "./use-cases/follow-up-deps.js";
import { NO_FOLLOW_UPS } from "./use-cases/follow-up-hooks.js";
import { createJobHandlers } from "./use-cases/follow-up-jobs/job-handlers.js";
import { scheduleNextDigest } from "./use-cases/follow-up-jobs/run-digest.js";
import { handBackConversation } from "./use-cases/hand-back-conversation.js";
import { HandleInboundSms } from "./use-cases/handle-inbound-sms.js";
import { handleStaffCommand } from "./use-cases/handle-staff-command.js";
import { LeadIntake } from "./use-cases/leads/receive-lead.js";
import { linkClickedCard } from "./use-cases/link-clicked-card.js";
import { FollowUpPlanner } from "./use-cases/plan-follow-ups.js";
import { readCard } from "./use-cases/read-card.js";
import { recordDeliveryStatus } from "./use-cases/record-delivery-status.js";
import { recoverUnfinishedWork } from "./use-cases/recover-unfinished-work.js";
import { relayRepReply } from "./use-cases/relay-rep-reply.js";
import { resolveConversation } from "./use-cases/resolve-conversation.js";
import { KeyedQueue } from "./work/keyed-queue.js";
import { mediaRetention } from "./use-cases/media/delete-old-media.js";
import type { ThreadRef } from "./ports/staff-chat.js";
import type { StaffMember } from "./use-cases/staff-action.js";
import { TurnWakeUps } from "./work/turn-wake-ups.js";
import { crmJobs } from "./use-cases/crm/crm-jobs.js";
import { MissedCalls } from "./use-cases/calls/missed-calls.js";

/** A text's files as the links the provider fetches them from, signed at each try. */
function mediaUrls({ media }: BatonPorts) {
  const links = media?.links;
  if (!media || !links) return undefined;
  return async (message: { id: string }, ids?: string[]) =>
    (ids ?? (await media.store.idsOf(message.id))).map((id) => links.urlFor(id));
}

/** The ports the use cases share, built in one pass: the gateway, then the planner, then the rest. */
function assembleDeps(ports: BatonPorts, settings: BatonSettings): FollowUpDeps {
  const { store, sender, staffChat, clock, logger, rooftops, jobs } = ports;
  const gateway = new SmsGateway({
    store,
    sender,
    staffChat,
    clock,
    logger,
    fromNumberFor: (id) => rooftops.get(id).smsNumber,
    // Quiet hours and the pace of automated texts, shared by replicas through the database.
    pacing: settings.pacing === false ? undefined : new SendPacing({ jobs, clock, rooftops }),
    retryDelaysMs: settings.smsRetryDelaysMs,
    jobs,
    mediaUrlsOf: mediaUrls(ports),
    crmJobsForOptOut: (conversation, at) => crmJobs(ports, conversation, "optout.recorded", at, { source: "carrier" }),
  });
  const base: PlannerDeps = {
    ...ports,
    gateway,
    keywordReplies: settings.keywordReplies,
    frustrationThreshold: settings.frustrationThreshold ?? 0.7,
  };
  return { ...base, followUps: settings.followUps === false ? NO_FOLLOW_UPS : new FollowUpPlanner(base) };
}

/**
 * What a person in the chat can do. Clicks run on the conversation's queue, after the answer in
 * progress; a click may come from a card Baton posted and died before recording: it is linked first.
 */
function staffMoves(deps: FollowUpDeps, queue: KeyedQueue): StaffMoves {
  const onCard = (move: typeof claimConversation) => (id: string, rep: StaffMember, card?: ThreadRef) =>
    queue.run(id, () => linkClickedCard(deps, id, card).then(() => move(deps, id, rep)));
  return {
    claim: onCard(claimConversation),
    handBack: onCard(handBackConversation),
    resolve: onCard(resolveConversation),
    relay: (reply) => queue.run(`thread:${reply.thread.channel}:${reply.thread.ts}`, () => relayRepReply(deps, reply)),
    currentCard: (id) => readCard(deps, id),
    takeDelivery: (key) => deps.store.takeDelivery(key),
  };
}

/**
 * Baton's core over the ports given: the one inbound port every adapter and harness uses.
 * Texts, clicks and leads run on a per-conversation queue (one thing at a time per customer,
 * in order), at most `answerConcurrency` texts and leads at once; clicks never wait for that.
 */
export function createBatonCore(ports: BatonPorts, settings: BatonSettings): BatonCore {
  const deps = assembleDeps(ports, settings);
  const { clock, logger } = deps;
  const coalesceMs = settings.replyCoalesceMs ?? 0;
  const queue = new KeyedQueue(
    (error, key) =>
      logger.error({ err: error, conversationId: key }, "answering a text failed; it stays stored for recovery"),
    settings.answerConcurrency,
  );
  const inbound = new HandleInboundSms(deps, { coalesceMs }, settings.renewEveryMs ?? HANDLING_LEASE.renewEveryMs);
  // Texts within the reply window are one turn: the conversation is looked at once they pause.
  const wakeUps = new TurnWakeUps(clock, queue, (conversationId) => inbound.answerTurn(conversationId));
  const answerLater = (messageId: string, conversationId: string) =>
    coalesceMs > 0
      ? wakeUps.lookAt(conversationId, new Date(clock.now().getTime() + coalesceMs))
      : queue.push(conversationId, () => inbound.process(messageId));
  const leadIntake = new LeadIntake({ ...deps, leads: deps.leadStore!, jobs: deps.jobs });
  const processLead = (leadId: string, conversationId?: string) =>
    queue.push(conversationId ?? leadId, () => leadIntake.process(leadId));
  const runner = new JobRunner(
    { jobs: deps.jobs, clock, logger, handlers: createJobHandlers(deps) },
    { workerId: settings.workerId },
  );
  const recover = (atStartUp: boolean) =>
    recoverUnfinishedWork(
      deps,
      {
        answer: answerLater,
        processLead,
        enqueue: (key, task) => queue.push(key, task),
        ...(missedCalls
          ? { processCall: (callSid: string) => queue.push(`call:${callSid}`, () => missedCalls.process(callSid)) }
          : {}),
      },
      { atStartUp, replyCoalesceMs: coalesceMs },
    );
  const missedCalls = deps.calls && new MissedCalls({ ...deps, calls: deps.calls });
  const callsOff = () => new BatonError("not_configured", "Calls are not taken on this Baton (no call store).");
  const actOnCall = (callSid: string, conversationId: string) =>
    queue.push(conversationId, () => missedCalls!.process(callSid));
  const staff = staffMoves(deps, queue);
  const deleteOldMedia = mediaRetention(deps);

  return {
    deps,
    staff,
    async receiveSms(sms) {
      const result = await inbound.receive(sms);
      if (result.accepted) answerLater(result.messageId, result.conversationId);
      return result;
    },
    async receiveLeads(dealershipId, leads, raw) {
      if (!deps.leadStore) throw new BatonError("leads_off", "Leads are not configured on this Baton (no lead store).");
      const receipts = await leadIntake.receive(dealershipId, leads, raw);
      for (const r of receipts) if (r.status !== "redelivered") processLead(r.leadId, r.conversationId);
      return receipts;
    },
    recordDeliveryStatus: (report) => recordDeliveryStatus(deps, report),
    async receiveMissedCall(call) {
      if (!missedCalls) throw callsOff();
      const receipt = await missedCalls.receive(call);
      // A redelivery of a call not yet acted on is acted on (taking the action is idempotent).
      if (receipt.accepted && (receipt.action === "text" || receipt.action === "owner"))
        actOnCall(call.callSid, receipt.conversationId);
      return receipt;
    },
    async receiveVoicemail(voicemail) {
      if (!missedCalls) throw callsOff();
      await missedCalls.voicemail(voicemail);
    },
    async receiveTranscription(callSid, text) {
      if (!missedCalls) throw callsOff();
      await missedCalls.transcription(callSid, text);
    },
    staffCommand: (request) => handleStaffCommand(deps, request),
    async runDueWork() {
      await recover(false);
      await deleteOldMedia().catch((error: unknown) =>
        logger.error({ err: error }, "deleting files past their retention failed; tried again within the hour"),
      );
      return runner.tick();
    },
    tick: () => runner.tick(),
    recoverUnfinishedWork: recover,
    async planDigests(dealershipIds) {
      for (const id of dealershipIds) await scheduleNextDigest(deps, id);
    },
    // The managers hear it once (and when it is back), on the queue, in order.
    modelBreaker: (model) => ({
      opened: (event) => queue.push("model-breaker", () => announceModelPaused(deps, { model, ...event })),
      closed: (event) => queue.push("model-breaker", () => announceModelBack(deps, { model, ...event })),
    }),
    idle: () => wakeUps.idle(),
    async drain(graceMs) {
      queue.stopStarting();
      wakeUps.close();
      return Promise.race([
        queue.idle().then(() => false),
        new Promise<boolean>((resolve) => setTimeout(resolve, graceMs, true).unref()),
      ]);
    },
  };
}
