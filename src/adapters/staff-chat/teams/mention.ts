import { TeamsInfo, type Mention, type TurnContext } from "botbuilder";
import type { RecentMembers } from "./recent-members.js";

/** A Teams @mention: the `<at>` text goes in the message, the entity tells Teams whom to notify. */
export function mentionOf(id: string, name: string): Mention & { type: "mention" } {
  const shown = name.replace(/[<>]/g, "");
  return { type: "mention", text: `<at>${shown}</at>`, mentioned: { id, name: shown } };
}

/**
 * Whom to mention by name: someone seen lately, else the member as Teams knows them, else a plain
 * word (the mention still notifies the right person by id).
 */
export async function mentionFor(context: TurnContext, members: RecentMembers, id: string, fallback: string) {
  let name = members.nameOf(id);
  if (!name) {
    try {
      name = (await TeamsInfo.getMember(context, id)).name;
      members.remember(id, name);
    } catch {
      // a lookup is a nicety; the mention works by id
    }
  }
  return mentionOf(id, name || fallback);
}
