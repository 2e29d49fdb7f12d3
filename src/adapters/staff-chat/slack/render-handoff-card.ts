import type { types } from "@slack/bolt";
import { escapeMrkdwn } from "./escape-mrkdwn.js";

type KnownBlock = types.KnownBlock;
import type { LeadFields } from "../../../core/ports/brain.js";
import { leadFacts } from "../../../core/handoff/lead-facts.js";
import type { HandoffCard } from "../../../core/ports/staff-chat.js";
import { renderLeadSource } from "./render-lead-source.js";

export const ACTION_CLAIM = "baton_claim";
export const ACTION_HAND_BACK = "baton_hand_back";
export const ACTION_RESOLVE = "baton_resolve";

/** Slack mrkdwn treats &, < and > as markup; customer text must not become a link or a mention. */

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function leadFields(lead: LeadFields, maskedPhone: string): string[] {
  return leadFacts(lead, maskedPhone).map(([label, value]) => `*${label}*\n${escapeMrkdwn(value)}`);
}

function statusLine(card: HandoffCard): string {
  if (card.optedOut) return ":no_entry: The customer opted out of texts. Nothing more will be sent to this number.";
  switch (card.status) {
    case "pending":
      return ":hourglass_flowing_sand: Waiting for someone to claim.";
    case "claimed":
      return `:white_check_mark: Claimed by *${escapeMrkdwn(card.owner?.name ?? "someone")}*${card.waitedMs !== undefined ? ` · the customer waited ${formatDuration(card.waitedMs)}` : ""}. Their replies in this thread are texted to the customer.`;
    case "ai":
      return ":robot_face: Back with the AI. Claim to take it over again.";
    case "resolved":
      return ":heavy_check_mark: Resolved.";
  }
}

const AUTHOR_LABEL = { customer: "Customer", ai: "AI", rep: "Rep", system: "Baton" } as const;

/** The handoff card as Block Kit, plus the notification text Slack shows where blocks can't be. */
export function renderHandoffCard(
  card: HandoffCard,
  options: { previousThreadUrl?: string } = {},
): { text: string; blocks: KnownBlock[] } {
  const who = card.customerFirstName ?? "A customer";
  const title = `${who} · ${capitalise(card.department)} · ${card.status === "pending" ? "needs a person" : capitalise(card.status === "ai" ? "with the AI" : card.status)}`;
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: title.slice(0, 150), emoji: true } },
    { type: "section", text: { type: "mrkdwn", text: `*Why:* ${escapeMrkdwn(card.reasonText)}` } },
  ];
  if (card.summary)
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: `*Summary:* ${escapeMrkdwn(card.summary)}`.slice(0, 3000) },
    });
  if (card.leadSource) blocks.push(renderLeadSource(card.leadSource));
  const fields = leadFields(card.lead, card.maskedPhone);
  if (fields.length)
    blocks.push({
      type: "section",
      fields: fields.slice(0, 10).map((text) => ({ type: "mrkdwn", text: text.slice(0, 2000) })),
    });
  if (card.lastMessages.length) {
    const lines = card.lastMessages.map(
      (m) =>
        `*${m.authorName ? escapeMrkdwn(m.authorName) : AUTHOR_LABEL[m.author]}:* ${escapeMrkdwn(m.body.replace(/\s+/g, " ").slice(0, 300))}`,
    );
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: `*Last messages*\n${lines.join("\n")}`.slice(0, 3000) },
    });
  }
  const context = [statusLine(card)];
  if (card.flag) context.unshift(`:rotating_light: *Flagged for managers:* ${escapeMrkdwn(card.flag)}`);
  if (options.previousThreadUrl)
    context.push(`Continues an earlier conversation: <${options.previousThreadUrl}|open the old thread>`);
  blocks.push({ type: "context", elements: context.map((text) => ({ type: "mrkdwn", text })) });

  if (card.status !== "resolved") {
    const buttons = [];
    if (card.status !== "claimed") {
      buttons.push({
        type: "button" as const,
        action_id: ACTION_CLAIM,
        style: "primary" as const,
        text: { type: "plain_text" as const, text: "Claim" },
        value: card.conversationId,
      });
    }
    if (card.status !== "ai") {
      buttons.push({
        type: "button" as const,
        action_id: ACTION_HAND_BACK,
        text: { type: "plain_text" as const, text: "Hand back to AI" },
        value: card.conversationId,
      });
    }
    buttons.push({
      type: "button" as const,
      action_id: ACTION_RESOLVE,
      text: { type: "plain_text" as const, text: "Resolve" },
      value: card.conversationId,
      confirm: {
        title: { type: "plain_text" as const, text: "Resolve this conversation?" },
        text: { type: "plain_text" as const, text: "The customer's next text will open a new thread." },
        confirm: { type: "plain_text" as const, text: "Resolve" },
        deny: { type: "plain_text" as const, text: "Cancel" },
      },
    });
    blocks.push({ type: "actions", block_id: "baton_actions", elements: buttons });
  }
  // The notification text is mrkdwn too: a lead named "<!channel> Smith" must not ping the channel.
  return { text: escapeMrkdwn(`${title}: ${card.reasonText}`), blocks };
}
