import type { StoredMessage } from "../../conversation/conversation.js";
import { countOf } from "../../media/file-count.js";
import { nounFor } from "../../media/media-rules.js";
import type { MediaFile, UnshownMedia } from "../../ports/media.js";
import type { ThreadPost, ThreadRef } from "../../ports/staff-chat.js";
import type { CoreDeps } from "../core-deps.js";

/** How many of a conversation's earlier pictures a new card's thread shows. */
const EARLIER_FILES_ON_A_NEW_CARD = 10;

/** What the thread says of files it cannot show as files: still coming, refused and why, or lost. */
function describeUnshown(unshown: UnshownMedia[]): string[] {
  return unshown.map((m) =>
    m.status === "pending"
      ? "[a file is still on its way from the SMS provider]"
      : m.status === "refused"
        ? `[a file not shown: ${m.error ?? "not allowed"}]`
        : `[a file that could not be fetched: ${m.error ?? "the SMS provider did not give it"}]`,
  );
}

/** A text's words for the thread, with what the thread will not show as a picture. */
export function describeWithMedia(
  message: StoredMessage,
  shown: MediaFile[],
  unshown: UnshownMedia[],
  filesShown: boolean,
): string {
  const words = message.body.trim() || (shown.length > 0 && filesShown ? "" : "(no text)");
  const notes = [
    ...(filesShown || shown.length === 0 ? [] : [`[${countOf(shown.length, nounFor(shown[0]!.contentType))}]`]),
    ...describeUnshown(unshown),
  ];
  return [words, ...notes].filter(Boolean).join(" ");
}

/**
 * A customer's text in the card's thread: the words and their pictures as one message where the
 * chat can show files (Slack's upload, Teams' card, the sandbox), else the words and a count.
 */
export async function postCustomerText(deps: CoreDeps, thread: ThreadRef, message: StoredMessage): Promise<void> {
  const media = deps.media;
  if (message.numMedia === 0 || !media) {
    const count = message.numMedia > 0 ? ` [${countOf(message.numMedia, "attachment")}]` : "";
    await deps.staffChat.postInThread(thread, {
      kind: "customer",
      text: `${message.body.trim() || "(no text)"}${count}`,
    });
    return;
  }
  const [files, unshown] = await Promise.all([media.store.filesOf([message.id]), media.store.unshownOf([message.id])]);
  const canShow = files.length > 0 && !!deps.staffChat.postFiles;
  const text = describeWithMedia(message, files, unshown, canShow);
  if (canShow) await postFilesOrSay(deps, thread, { kind: "customer", text }, files);
  else await deps.staffChat.postInThread(thread, { kind: "customer", text });
}

/**
 * Files into the thread; a chat that refuses the upload (Slack without files:write, a file it will
 * not take) still gets the words, with why the pictures are missing: the text must not be lost to them.
 */
export async function postFilesOrSay(
  deps: CoreDeps,
  thread: ThreadRef,
  post: ThreadPost,
  files: MediaFile[],
): Promise<void> {
  try {
    await deps.staffChat.postFiles!(thread, post, files);
  } catch (error) {
    deps.logger.warn(
      { err: error, staffChat: thread.chat },
      "the staff chat refused a customer's files; posting the words",
    );
    const why = error instanceof Error ? error.message : String(error);
    await deps.staffChat.postInThread(thread, {
      ...post,
      text: `${post.text} [${countOf(files.length, "file")} the chat would not take: ${why}]`.trim(),
    });
  }
}

/**
 * A new card's thread starts with the pictures the customer sent before it (a trade-in from four
 * sides, the dashboard light): the card says what they wrote, the thread shows what they showed.
 */
export async function postEarlierPictures(deps: CoreDeps, conversationId: string, thread: ThreadRef): Promise<void> {
  const media = deps.media;
  if (!media || !deps.staffChat.postFiles) return;
  const messages = await deps.store.listMessages(conversationId, 30);
  const withFiles = messages.filter((m) => m.direction === "inbound" && m.numMedia > 0).map((m) => m.id);
  if (withFiles.length === 0) return;
  const files = await media.store.filesOf(withFiles, { newest: EARLIER_FILES_ON_A_NEW_CARD });
  if (files.length === 0) return;
  await postFilesOrSay(
    deps,
    thread,
    { kind: "customer", text: `${countOf(files.length, "file")} sent so far:` },
    files,
  );
}
