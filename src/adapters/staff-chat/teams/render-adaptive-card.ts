import { leadFacts } from "../../../core/handoff/lead-facts.js";
import type { HandoffCard } from "../../../core/ports/staff-chat.js";
import { formatDuration } from "../slack/render-handoff-card.js";
import { renderLeadSourceContainer } from "./render-lead-source.js";

export const VERB_CLAIM = "baton_claim";
export const VERB_HAND_BACK = "baton_hand_back";
export const VERB_RESOLVE = "baton_resolve";

export type AdaptiveElement = Record<string, unknown>;
export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: string;
  version: string;
  body: AdaptiveElement[];
  actions?: AdaptiveElement[];
  [key: string]: unknown;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Text that came from a customer or the AI goes in a TextRun, which Teams shows as typed:
 * a TextBlock would render `[win a prize](https://…)` as a link in the reps' channel.
 */
function plain(label: string | undefined, text: string, extra: AdaptiveElement = {}): AdaptiveElement {
  const inlines: AdaptiveElement[] = [];
  if (label) inlines.push({ type: "TextRun", text: `${label} `, weight: "Bolder" });
  inlines.push({ type: "TextRun", text });
  return { type: "RichTextBlock", inlines, ...extra };
}

function statusLine(card: HandoffCard): string {
  if (card.optedOut) return "⛔ The customer opted out of texts. Nothing more will be sent to this number.";
  switch (card.status) {
    case "pending":
      return "⏳ Waiting for someone to claim.";
    case "claimed":
      return `✅ Claimed by ${card.owner?.name ?? "someone"}${card.waitedMs !== undefined ? ` · the customer waited ${formatDuration(card.waitedMs)}` : ""}. Their replies to this post are texted to the customer.`;
    case "ai":
      return "🤖 Back with the AI. Claim to take it over again.";
    case "resolved":
      return "✔️ Resolved.";
  }
}

const AUTHOR_LABEL = { customer: "Customer", ai: "AI", rep: "Rep", system: "Baton" } as const;

function actions(card: HandoffCard): AdaptiveElement[] {
  if (card.status === "resolved") return [];
  const data = { conversationId: card.conversationId };
  const execute = (verb: string, title: string, style?: string) => ({
    type: "Action.Execute",
    verb,
    title,
    data,
    ...(style ? { style } : {}),
  });
  const list: AdaptiveElement[] = [];
  if (card.status !== "claimed") list.push(execute(VERB_CLAIM, "Claim", "positive"));
  if (card.status !== "ai") list.push(execute(VERB_HAND_BACK, "Hand back to AI"));
  // Teams cards have no confirm dialog; a ShowCard asks before the conversation is closed.
  list.push({
    type: "Action.ShowCard",
    title: "Resolve",
    card: {
      type: "AdaptiveCard",
      body: [
        {
          type: "TextBlock",
          text: "Resolve this conversation? The customer's next text will open a new thread.",
          wrap: true,
        },
      ],
      actions: [execute(VERB_RESOLVE, "Resolve", "destructive")],
    },
  });
  return list;
}

/**
 * The handoff card as an Adaptive Card 1.5 (the version with Universal Actions, `Action.Execute`).
 * `notice` is shown on top in the copy returned to one person's click (an invoke response only
 * that person sees), e.g. "Already claimed by Jordan."
 */
export function renderAdaptiveCard(
  card: HandoffCard,
  options: { notice?: string; previousThreadUrl?: string } = {},
): AdaptiveCard {
  const who = card.customerFirstName ?? "A customer";
  const state =
    card.status === "pending" ? "needs a person" : capitalise(card.status === "ai" ? "with the AI" : card.status);
  const body: AdaptiveElement[] = [];
  if (options.notice) {
    body.push({
      type: "Container",
      style: "attention",
      items: [{ type: "TextBlock", text: options.notice, wrap: true, weight: "Bolder" }],
    });
  }
  body.push({
    type: "RichTextBlock",
    inlines: [
      { type: "TextRun", text: `${who} · ${capitalise(card.department)} · ${state}`, size: "Large", weight: "Bolder" },
    ],
  });
  if (card.flag)
    body.push({ type: "Container", style: "warning", items: [plain("🚩 Flagged for managers:", card.flag)] });
  body.push(plain("Why:", card.reasonText));
  if (card.summary) body.push(plain("Summary:", card.summary.slice(0, 3000)));
  if (card.leadSource) body.push(renderLeadSourceContainer(card.leadSource));
  const facts = leadFacts(card.lead, card.maskedPhone);
  if (facts.length)
    body.push({
      type: "Container",
      spacing: "Medium",
      items: facts.map(([label, value]) => plain(`${label}:`, value.slice(0, 500), { spacing: "None" })),
    });
  if (card.lastMessages.length) {
    body.push({ type: "TextBlock", text: "Last messages", weight: "Bolder", spacing: "Medium" });
    for (const m of card.lastMessages) {
      body.push(
        plain(`${m.authorName ?? AUTHOR_LABEL[m.author]}:`, m.body.replace(/\s+/g, " ").slice(0, 300), {
          spacing: "None",
        }),
      );
    }
  }
  body.push(plain(undefined, statusLine(card), { spacing: "Medium" }));
  const cardActions = actions(card);
  if (options.previousThreadUrl)
    cardActions.push({
      type: "Action.OpenUrl",
      title: "Open the earlier conversation",
      url: options.previousThreadUrl,
    });
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    msteams: { width: "Full" },
    body,
    ...(cardActions.length ? { actions: cardActions } : {}),
  };
}

/** The line Teams shows in notifications and the activity feed, where the card itself can't be. */
export function cardSummaryText(card: HandoffCard): string {
  return `${card.customerFirstName ?? "A customer"} · ${capitalise(card.department)}: ${card.reasonText}`;
}
