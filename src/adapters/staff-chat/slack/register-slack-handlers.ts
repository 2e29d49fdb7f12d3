import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { AfterAck } from "./after-ack.js";
import { escapeMrkdwn } from "./escape-mrkdwn.js";
import type { StaffMoves } from "../../../core/baton-core.js";
import type { Logger } from "../../../core/ports/logger.js";
import type { StaffActionResult, StaffMember } from "../../../core/use-cases/staff-action.js";
import type { ThreadRef } from "../../../core/ports/staff-chat.js";
import { ACTION_CLAIM, ACTION_HAND_BACK, ACTION_RESOLVE } from "./render-handoff-card.js";
import { cleanSlackText, mentionedUserIds } from "./clean-slack-text.js";
import { resolveMemberName } from "./resolve-member-name.js";
import type { SlackEventFile, SlackFileDownloads } from "./slack-files.js";

/** The core's staff moves the Slack adapter calls (a click answers in the thread, so no currentCard). */
export type StaffUseCases = Pick<StaffMoves, "claim" | "handBack" | "resolve" | "relay" | "takeDelivery">;

interface ThreadMessageEvent {
  type: "message";
  subtype?: string;
  channel: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  files?: SlackEventFile[];
}

/**
 * Clicks worked on at once after their acknowledgement; the rest wait their turn (AfterAck). As
 * many as Slack's own client sends at once (WebClient's maxRequestConcurrency); the database pool
 * queues the rest. Acks no longer need a small bound (work waits for the burst's acks), and a
 * small one made the last clicks of a burst wait whole rounds for their card.
 */
const CLICKS_AT_ONCE = 100;
/** A burst of clicks is over when none was acknowledged for this long; its work then starts. */
const CLICKS_QUIET_MS = 5;
/** A click's work waits for a pause at most this long (a steady stream of clicks never pauses). */
const CLICKS_WAIT_AT_MOST_MS = 250;

/** Subtypes that are still a person writing in the thread. Edits, joins and bot posts are not. */
const PERSON_SUBTYPES = new Set([undefined, "thread_broadcast", "file_share"]);

export function registerSlackHandlers(
  app: App,
  useCases: StaffUseCases,
  logger: Logger,
  files?: SlackFileDownloads,
): { acknowledgedWorkDone(): Promise<void> } {
  const buttons: Record<string, (id: string, rep: StaffMember, card?: ThreadRef) => Promise<StaffActionResult>> = {
    [ACTION_CLAIM]: useCases.claim,
    [ACTION_HAND_BACK]: useCases.handBack,
    [ACTION_RESOLVE]: useCases.resolve,
  };

  const afterAck = new AfterAck(CLICKS_AT_ONCE, CLICKS_QUIET_MS, CLICKS_WAIT_AT_MOST_MS);
  app.action<BlockAction<ButtonAction>>(/^baton_(claim|hand_back|resolve)$/, async ({ ack, body, action, client }) => {
    // Slack wants an answer within 3 seconds; the work happens after, a few clicks at a time.
    await ack();
    await afterAck.run(async () => {
      const rep = { id: body.user.id, name: await resolveMemberName(client, body.user.id, body.user.name) };
      // The card clicked, when it is a top-level message: linked if Baton died before recording it.
      const card =
        body.channel && body.message && !body.message.thread_ts
          ? { chat: "slack", channel: body.channel.id, ts: body.message.ts }
          : undefined;
      const result = await buttons[action.action_id]!(action.value ?? "", rep, card);
      if (!result.ok && body.channel) {
        await client.chat.postEphemeral({
          channel: body.channel.id,
          user: body.user.id,
          thread_ts: body.message?.thread_ts ?? body.message?.ts,
          text: escapeMrkdwn(result.notice),
        });
      }
    });
  });

  // Any other action id (another app's, a button Baton never drew): acknowledged at once, so
  // Slack shows no error and nobody waits three seconds, then logged and left alone.
  app.action(/^(?!baton_(?:claim|hand_back|resolve)$)/, async ({ ack, action }) => {
    await ack();
    const actionId = "action_id" in action ? action.action_id : action.type;
    logger.warn({ actionId }, "ignored a Slack action that is not one of Baton's buttons");
  });

  // Slack has its answer before a reply is relayed: tracked, so a shutdown still relays it.
  const replies = new AfterAck(Number.POSITIVE_INFINITY);
  app.event("message", ({ event, body, client, context }) =>
    replies.run(async () => {
      const message = event as unknown as ThreadMessageEvent;
      if (!PERSON_SUBTYPES.has(message.subtype) || message.bot_id || !message.user) return;
      if (!message.thread_ts || message.thread_ts === message.ts) return; // not a reply in a thread
      // Slack retries an event it thinks we missed; the event id makes the second one a no-op.
      const eventId = (body as { event_id?: string }).event_id ?? `${message.channel}:${message.ts}`;
      if (!(await useCases.takeDelivery(`slack-event:${eventId}`))) return;

      const rep = { id: message.user, name: await resolveMemberName(client, message.user) };
      // The customer reads plain words, not Slack's markup ("&amp;", "<https://…|…>", "<@U…>").
      const raw = message.text ?? "";
      const names = new Map<string, string>();
      for (const id of mentionedUserIds(raw))
        if (id !== context.botUserId) names.set(id, await resolveMemberName(client, id));
      const outcome = await useCases.relay({
        thread: { chat: "slack", channel: message.channel, ts: message.thread_ts },
        rep,
        text: cleanSlackText(raw, { botUserId: context.botUserId, names }),
        deliveryKey: `slack:${message.channel}:${message.ts}`,
        ...(message.files?.length && files ? { attachments: await files.attachmentsOf(message.files) } : {}),
      });
      logger.debug({ outcome }, "slack thread reply handled");
    }),
  );
  return {
    acknowledgedWorkDone: async () => {
      await Promise.all([afterAck.idle(), replies.idle()]);
    },
  };
}
