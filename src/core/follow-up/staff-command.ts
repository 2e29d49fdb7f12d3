import { DateTime } from "luxon";
import type { AppointmentKind } from "../ports/follow-up-store.js";
import { parseDuration } from "./settings.js";

/** What a rep asked for with `/baton …`, chat-agnostic. */
export type StaffCommand =
  | { kind: "followup"; delayMs: number; note?: string }
  | { kind: "appointment"; at: Date; appointmentKind: AppointmentKind; note?: string }
  | { kind: "optout" }
  | { kind: "help" }
  | { kind: "invalid"; problem: string };

export const COMMAND_USAGE = [
  "`/baton followup 3d [message] <card link>`: Baton texts the customer in 3 days (m, h, d, w), in your name, with your message or one written from the conversation.",
  "`/baton appointment 2026-12-01 15:00 [test drive|service|visit] <card link>`: Baton reminds the customer before it (times are the store's local time).",
  "`/baton optout <card link>`: the customer asked, in whatever words, for no more texts; Baton texts this number no more.",
  "Slash commands can't run inside a thread, so paste the card's link (⋯ → Copy link); without one, Baton uses the one conversation you own in this channel.",
].join("\n");

const KINDS: [RegExp, AppointmentKind][] = [
  [/^test[\s_-]?drive\b/i, "test_drive"],
  [/^(service|drop[\s-]?off)\b/i, "service"],
  [/^visit\b/i, "visit"],
];

/** Parses the text after `/baton` (the card link already taken out by the adapter). */
export function parseStaffCommand(text: string, timezone: string): StaffCommand {
  const [verb = "", ...rest] = text.trim().split(/\s+/);
  const args = rest.join(" ");
  switch (verb.toLowerCase()) {
    case "":
    case "help":
      return { kind: "help" };
    case "followup":
    case "follow-up":
    case "fu": {
      const [delay = "", ...note] = args.split(/\s+/);
      const delayMs = parseDuration(delay);
      if (!delayMs) return { kind: "invalid", problem: `"${delay || "(nothing)"}" is not a delay; try 3d, 4h or 30m.` };
      if (delayMs > 90 * 24 * 3_600_000)
        return { kind: "invalid", problem: "Follow-ups can be at most 90 days ahead." };
      return { kind: "followup", delayMs, note: note.join(" ").trim() || undefined };
    }
    case "optout":
    case "opt-out":
      return { kind: "optout" };
    case "appointment":
    case "appt": {
      const match = /^(\d{4}-\d{2}-\d{2})\s+(\d{1,2}:\d{2})\s*(.*)$/.exec(args);
      const local =
        match &&
        DateTime.fromFormat(`${match[1]} ${match[2]!.padStart(5, "0")}`, "yyyy-MM-dd HH:mm", { zone: timezone });
      if (!match || !local?.isValid)
        return { kind: "invalid", problem: "Give the date and local time as 2026-12-01 15:00." };
      const tail = match[3]!.trim();
      const found = KINDS.find(([pattern]) => pattern.test(tail));
      const note = found ? tail.replace(found[0], "").trim() : tail;
      return {
        kind: "appointment",
        at: local.toJSDate(),
        appointmentKind: found?.[1] ?? "visit",
        note: note || undefined,
      };
    }
    default:
      return { kind: "invalid", problem: `Baton does not know "${verb}".` };
  }
}
