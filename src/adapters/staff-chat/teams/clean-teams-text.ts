import type { Activity, Mention } from "botbuilder";

const ENTITIES: Record<string, string> = {
  "&nbsp;": " ",
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
  "&apos;": "'",
};
/** The markup Teams may put in a message's text; anything else that looks like a tag is the person's own words. */
const TEAMS_TAGS = /<\/?(?:p|br|div|span|b|i|u|s|strong|em|a|ul|ol|li|blockquote|pre|code)\b[^>]*>/gi;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * What a person wrote, as a customer should read it: every @mention of the bot removed, other
 * mentions left as "@Name", Teams' markup and HTML entities undone. `mentionedBot` says whether
 * the bot was addressed (commands need that; relayed replies don't).
 */
export function cleanTeamsText(activity: Partial<Activity>): { text: string; mentionedBot: boolean } {
  const botId = activity.recipient?.id;
  const mentions = (activity.entities ?? []).filter(
    (e): e is Mention & { type: string } => e.type === "mention",
  ) as Mention[];
  let text = activity.text ?? "";
  let mentionedBot = false;
  for (const mention of mentions) {
    if (!mention.text) continue;
    const isBot = mention.mentioned?.id === botId;
    mentionedBot ||= isBot;
    const shown = mention.text.replace(/<\/?at>/g, "");
    text = text.replace(new RegExp(escapeRegExp(mention.text), "g"), isBot ? " " : `@${shown}`);
  }
  text = text.replace(/<at>(.*?)<\/at>/g, "@$1").replace(TEAMS_TAGS, " ");
  text = text.replace(/&(?:nbsp|amp|lt|gt|quot|apos|#39);/g, (entity) => ENTITIES[entity] ?? entity);
  return {
    text: text
      .replace(/[ \t]+/g, " ")
      .replace(/ *\n */g, "\n")
      .trim(),
    mentionedBot,
  };
}
