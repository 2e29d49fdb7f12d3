import { isInlineImage } from "../../../core/media/media-rules.js";
import { countOf } from "../../../core/media/file-count.js";
import type { MediaFile, MediaLinks } from "../../../core/ports/media.js";
import type { AdaptiveCard, AdaptiveElement } from "./render-adaptive-card.js";

/**
 * Files in a card's thread as one Adaptive Card 1.5: the words first, then each file in order.
 * A picture Teams can draw (JPEG, PNG, GIF) is an `Image` from its signed link, opening full size
 * when clicked; any other file (HEIC, a PDF, a contact card) is a button "Open <name>" to its link,
 * which the browser downloads. Each button has its own ActionSet: Teams shows at most a few
 * actions per set, and an MMS may carry ten files. The words are TextRuns, shown as typed (a
 * customer's `[link](…)` stays text); file names are Baton's safe names, in plain fields only.
 */
export function renderFilesCard(
  prefix: string,
  text: string,
  files: Pick<MediaFile, "id" | "contentType" | "fileName">[],
  links: MediaLinks,
): AdaptiveCard {
  const inlines: AdaptiveElement[] = [{ type: "TextRun", text: prefix, weight: "Bolder" }];
  if (text) inlines.push({ type: "TextRun", text: ` ${text}` });
  const body: AdaptiveElement[] = [{ type: "RichTextBlock", inlines }];
  for (const file of files) {
    const url = links.urlFor(file.id);
    body.push(
      isInlineImage(file.contentType)
        ? { type: "Image", url, altText: file.fileName, selectAction: { type: "Action.OpenUrl", url } }
        : { type: "ActionSet", actions: [{ type: "Action.OpenUrl", title: `Open ${file.fileName}`, url }] },
    );
  }
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    body,
  };
}

/** What Teams shows in a notification for the files' message, where the card can't be. */
export function filesSummaryText(prefix: string, text: string, count: number): string {
  const files = `[${countOf(count, "file")}]`;
  return text ? `${prefix} ${text} ${files}` : `${prefix} ${files}`;
}
