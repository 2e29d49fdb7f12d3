import type { App } from "@slack/bolt";
import { escapeMrkdwn } from "./escape-mrkdwn.js";
import type { Logger } from "../../../core/ports/logger.js";
import type { ThreadRef } from "../../../core/ports/staff-chat.js";
import type { StaffCommandRequest } from "../../../core/use-cases/handle-staff-command.js";
import { resolveMemberName } from "./resolve-member-name.js";

const PERMALINK = /<?(https?:\/\/[^\s<>|]+\/archives\/([A-Z0-9]+)\/p(\d{10})(\d{6})([^\s<>|]*))(?:\|[^>]*)?>?/;

/**
 * A card's link, as Slack's "Copy link" gives it: `…/archives/C0123/p1700000000000100`, or for a
 * reply in the thread `…/p1700000000000200?thread_ts=1700000000.000100`: the thread is the card.
 */
export function findCardLink(text: string): { thread: ThreadRef; rest: string } | undefined {
  const match = PERMALINK.exec(text);
  if (!match) return undefined;
  const [whole, , channel, seconds, micros, query] = match;
  const threadTs = /[?&]thread_ts=(\d+\.\d+)/.exec(query ?? "")?.[1];
  const ts = threadTs ?? `${seconds}.${micros}`;
  return {
    thread: { chat: "slack", channel: channel!, ts },
    rest: text.replace(whole, " ").replace(/\s+/g, " ").trim(),
  };
}

/**
 * `/baton …`. Slack does not allow custom slash commands inside threads, so the command names its
 * card by a pasted link (or Baton takes the one conversation the rep owns in that channel).
 * The answer is ephemeral: only the rep sees it.
 */
export function registerBatonCommand(
  app: App,
  run: (request: StaffCommandRequest) => Promise<string>,
  logger: Logger,
): void {
  app.command("/baton", async ({ command, ack, respond, client }) => {
    await ack(); // within Slack's 3 seconds; the work follows
    const link = findCardLink(command.text ?? "");
    const threadTs = (command as unknown as { thread_ts?: string }).thread_ts; // if Slack ever sends one
    const thread =
      link?.thread ?? (threadTs ? { chat: "slack", channel: command.channel_id, ts: threadTs } : undefined);
    try {
      const rep = { id: command.user_id, name: await resolveMemberName(client, command.user_id, command.user_name) };
      const text = await run({
        text: link?.rest ?? command.text ?? "",
        rep,
        chat: "slack",
        channel: command.channel_id,
        thread,
      });
      await respond({ response_type: "ephemeral", text: escapeMrkdwn(text) });
    } catch (error) {
      logger.error({ err: error }, "/baton command failed");
      await respond({ response_type: "ephemeral", text: "Baton could not do that just now; please try again." });
    }
  });
}
