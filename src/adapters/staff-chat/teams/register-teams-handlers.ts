import type { Application } from "@microsoft/teams-ai";
import { ActivityTypes, type TurnContext } from "botbuilder";
import type { StaffMoves } from "../../../core/baton-core.js";
import type { Logger } from "../../../core/ports/logger.js";
import type { ThreadRef } from "../../../core/ports/staff-chat.js";
import type { StaffActionResult, StaffMember } from "../../../core/use-cases/staff-action.js";
import { chooseChannel, type TeamsRooftop } from "./choose-channel.js";
import { cleanTeamsText } from "./clean-teams-text.js";
import { COMMAND_HELP, parseChannelCommand } from "./parse-channel-command.js";
import { postActivity } from "./post-activity.js";
import type { RecentMembers } from "./recent-members.js";
import { botWasAdded, recordChannelEvent, recordTeam, welcome } from "./record-team.js";
import { renderAdaptiveCard, VERB_CLAIM, VERB_HAND_BACK, VERB_RESOLVE } from "./render-adaptive-card.js";
import type { TeamsChannelStore } from "./teams-channel-store.js";
import { splitConversationId } from "./teams-conversation.js";
import { repAttachmentsOf } from "./teams-attachments.js";
import { TEAMS_CHAT } from "./teams-staff-chat.js";

/** The core's staff moves, as the Teams adapter calls them (the same as Slack's, and the card to answer a click with). */
export type TeamsUseCases = StaffMoves;

export interface TeamsHandlerDeps {
  useCases: TeamsUseCases;
  store: TeamsChannelStore;
  rooftops: TeamsRooftop[];
  members: RecentMembers;
  logger: Logger;
}

/** The person behind an activity: their Teams user id (29:…) and the name Teams shows. */
function repOf(context: TurnContext, members: RecentMembers): StaffMember {
  const from = context.activity.from;
  members.remember(from.id, from.name);
  return { id: from.id, name: from.name || "A colleague" };
}

export function registerTeamsHandlers(app: Application, deps: TeamsHandlerDeps): void {
  const { useCases, store, members, logger } = deps;

  app.conversationUpdate("membersAdded", async (context) => {
    if (!botWasAdded(context)) return;
    if ((await recordTeam(context, store, logger)).length > 0) await welcome(context);
  });
  // Teams also sends installationUpdate (install, upgrade); recording again is harmless.
  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    if (String(context.activity.action ?? "").startsWith("add")) await recordTeam(context, store, logger);
  });
  app.conversationUpdate("channelCreated", (context) => recordChannelEvent(context, store));
  app.conversationUpdate("channelRenamed", (context) => recordChannelEvent(context, store));

  /*
   * Claim, Hand back and Resolve are Universal Actions (`Action.Execute`), not `Action.Submit`:
   * the click arrives as an invoke whose HTTP response carries the card the clicker sees at once,
   * after the core has decided. The core's own card refresh (updateCard → PUT the activity) redraws
   * it for everyone else; the invoke response alone would only change the clicker's view. A click
   * that loses (already claimed, not the owner) gets the current card with the reason on top:
   * Teams has no ephemeral messages in channels, and that invoke response is seen by the clicker
   * alone.
   */
  const actions: [string, (id: string, rep: StaffMember, card?: ThreadRef) => Promise<StaffActionResult>][] = [
    [VERB_CLAIM, useCases.claim],
    [VERB_HAND_BACK, useCases.handBack],
    [VERB_RESOLVE, useCases.resolve],
  ];
  for (const [verb, run] of actions) {
    app.adaptiveCards.actionExecute<{ conversationId?: string }>(verb, async (context, _state, data) => {
      const conversationId = String(data.conversationId ?? "");
      // The card clicked (the thread's root): linked if Baton died before recording it.
      const { channelId, rootId } = splitConversationId(context.activity.conversation?.id ?? "");
      const cardId = context.activity.replyToId ?? rootId;
      const result = await run(
        conversationId,
        repOf(context, members),
        cardId ? { chat: TEAMS_CHAT, channel: channelId, ts: cardId } : undefined,
      );
      const card = await useCases.currentCard(conversationId);
      if (!card) return result.ok ? "Done." : result.notice;
      return renderAdaptiveCard(card, result.ok ? {} : { notice: result.notice });
    });
  }

  app.activity(ActivityTypes.Message, async (context) => {
    const activity = context.activity;
    if (!activity.from?.id || activity.from.id === activity.recipient?.id) return;
    const rep = repOf(context, members);
    const { text, mentionedBot } = cleanTeamsText(activity);

    if (activity.conversation?.conversationType !== "channel") {
      // Personal chat: Baton works in team channels; say how to get there.
      if (mentionedBot || activity.conversation?.conversationType === "personal") {
        await context.sendActivity(
          `Baton works in a team's channels: add it to a team, then in the channel for handoff cards:\n\n${COMMAND_HELP}`,
        );
      }
      return;
    }
    // Teams may deliver an activity again; the second time does nothing.
    if (activity.id && !(await useCases.takeDelivery(`teams-activity:${activity.conversation.id}:${activity.id}`)))
      return;

    const command = mentionedBot ? parseChannelCommand(text) : undefined;
    if (command) return chooseChannel(context, command, { store, rooftops: deps.rooftops, by: rep });

    const { channelId, rootId } = splitConversationId(activity.conversation.id);
    const isReply = rootId !== undefined && rootId !== activity.id;
    // Pictures pasted into a reply go with it, words or not; they are downloaded only if the core allows them.
    const attachments = isReply ? repAttachmentsOf(context) : [];
    if (isReply && (text || attachments.length > 0)) {
      const outcome = await useCases.relay({
        thread: { chat: TEAMS_CHAT, channel: channelId, ts: rootId },
        rep,
        text,
        deliveryKey: `teams:${channelId}:${activity.id}`,
        ...(attachments.length > 0 ? { attachments } : {}),
      });
      logger.debug({ outcome }, "teams thread reply handled");
      if (outcome !== "not_a_baton_thread" || !mentionedBot) return;
    }
    if (mentionedBot) await postActivity(context, activity.conversation.id, { text: COMMAND_HELP });
  });
}
