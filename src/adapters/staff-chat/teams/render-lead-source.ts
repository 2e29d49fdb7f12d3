import type { CardLeadSource } from "../../../core/ports/staff-chat.js";

type AdaptiveElement = Record<string, unknown>;

/** A bold label and text shown as typed (a TextRun never renders a form's markdown as a link). */
function line(label: string, text: string, extra: AdaptiveElement = {}): AdaptiveElement {
  return {
    type: "RichTextBlock",
    spacing: "None",
    inlines: [
      { type: "TextRun", text: `${label} `, weight: "Bolder" },
      { type: "TextRun", text },
    ],
    ...extra,
  };
}

/** Where the lead came from, as an Adaptive Card container: the same facts as on Slack. */
export function renderLeadSourceContainer(source: CardLeadSource): AdaptiveElement {
  const items: AdaptiveElement[] = [line("Lead:", source.origin)];
  if (source.vendor) items.push(line("Vendor:", source.vendor));
  if (source.vehicle) items.push(line("Asked about:", source.vehicle));
  if (source.comments) items.push(line("Comments:", source.comments.slice(0, 1500)));
  items.push({
    type: "RichTextBlock",
    spacing: "Small",
    inlines: [{ type: "TextRun", text: source.contact, italic: true }],
  });
  return { type: "Container", style: "emphasis", spacing: "Medium", items };
}
