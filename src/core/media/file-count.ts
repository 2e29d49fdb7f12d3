import type { ThreadPost } from "../ports/staff-chat.js";

/** "1 file", "3 attachments": a count and its word. */
export const countOf = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** A post for a chat that cannot show the files (or has no link to them): its words and how many came. */
export function wordsWithFileCount(post: ThreadPost, files: number): ThreadPost {
  const count = `[${countOf(files, "file")}]`;
  return { ...post, text: post.text ? `${post.text} ${count}` : count };
}
