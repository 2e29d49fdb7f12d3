import { DEPARTMENTS, type Department } from "../../../core/ports/brain.js";
import type { ChannelPurpose } from "./teams-channel-store.js";

export interface ChannelCommand {
  purpose: ChannelPurpose;
  /** "at maple-ridge": which store, when Baton serves several in Teams. */
  rooftop?: string;
}

const COMMAND = new RegExp(
  `^use this channel for (?:(?<department>${DEPARTMENTS.join("|")}) )?(?<what>handoffs?|managers?)(?: (?:at|for) (?<rooftop>.+?))?[.!]?$`,
  "i",
);

/**
 * "use this channel for handoffs", "… for sales handoffs", "… for managers", each optionally
 * followed by "at <store>". The text has the bot's @mention removed already.
 */
export function parseChannelCommand(text: string): ChannelCommand | undefined {
  const match = COMMAND.exec(text.replace(/\s+/g, " ").trim());
  if (!match?.groups) return undefined;
  const { department, what, rooftop } = match.groups;
  const managers = what!.toLowerCase().startsWith("manager");
  if (managers && department) return undefined; // managers are per store, not per department
  const purpose: ChannelPurpose = managers
    ? "managers"
    : department
      ? `handoffs:${department.toLowerCase() as Department}`
      : "handoffs";
  return { purpose, ...(rooftop ? { rooftop: rooftop.trim() } : {}) };
}

export const COMMAND_HELP = [
  "In the channel where reps should get handoff cards, post: @Baton use this channel for handoffs",
  "One department only: @Baton use this channel for sales handoffs (or service, parts, finance)",
  "Escalations and the daily digest: @Baton use this channel for managers",
].join("\n\n");
