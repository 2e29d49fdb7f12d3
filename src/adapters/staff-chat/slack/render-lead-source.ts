import type { types } from "@slack/bolt";
import type { CardLeadSource } from "../../../core/ports/staff-chat.js";

import { escapeMrkdwn as escape } from "./escape-mrkdwn.js";

/**
 * Where the lead came from, as a card section: origin, vendor, vehicle, the customer's comments
 * (quoted) and what Baton did about texting, so the rep sees everything the form said.
 */
export function renderLeadSource(source: CardLeadSource): types.KnownBlock {
  const lines = [`*Lead:* ${escape(source.origin)}`];
  if (source.vendor) lines.push(`*Vendor:* ${escape(source.vendor)}`);
  if (source.vehicle) lines.push(`*Asked about:* ${escape(source.vehicle)}`);
  if (source.comments)
    lines.push(
      `*Comments:*\n${escape(source.comments.slice(0, 1500))
        .split("\n")
        .map((line) => `> ${line}`)
        .join("\n")}`,
    );
  lines.push(`_${escape(source.contact)}_`);
  return { type: "section", text: { type: "mrkdwn", text: lines.join("\n").slice(0, 3000) } };
}
