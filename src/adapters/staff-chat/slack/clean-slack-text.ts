/**
 * What a rep typed, as a customer should read it. Slack sends message text in its own markup:
 * `&amp; &lt; &gt;` escaped, links as `<https://x|label>` or `<https://x>`, `<mailto:…|…>` and
 * `<tel:…|…>`, people as `<@U123>` (or `<@U123|name>`), channels as `<#C123|name>`, and
 * `<!here>`-style broadcasts. Mentions of the bot are removed, other people become "@Name"
 * (`names` says who they are), and a link reads as typed, or as "words (address)".
 */
export function cleanSlackText(
  text: string,
  options: { botUserId?: string; names?: ReadonlyMap<string, string> } = {},
): string {
  const cleaned = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const [target = "", label] = inner.split("|", 2);
    if (target.startsWith("@")) {
      const id = target.slice(1);
      if (id === options.botUserId) return " ";
      return `@${label ?? options.names?.get(id) ?? "teammate"}`;
    }
    if (target.startsWith("#")) return label ? `#${label}` : "";
    if (target.startsWith("!")) return label ?? "";
    if (target.startsWith("mailto:") || target.startsWith("tel:"))
      return label ?? target.slice(target.indexOf(":") + 1);
    // A link typed as is (Slack labels it with what was typed) stays as typed; a link given
    // other words keeps its address too, since an SMS reader cannot click the words.
    if (
      !label ||
      target.replace(/^https?:\/\//, "").replace(/\/$/, "") === label.replace(/^https?:\/\//, "").replace(/\/$/, "")
    )
      return label ?? target;
    return `${label} (${target})`;
  });
  // Unescape last, so "&lt;b&gt;" the rep typed stays as the "<b>" they meant.
  return cleaned
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/[ \t]+/g, " ")
    .replace(/ *\n */g, "\n")
    .trim();
}

/** The people a message mentions (`<@U123>`), to look their names up before cleaning. */
export function mentionedUserIds(text: string): string[] {
  return [...new Set([...text.matchAll(/<@([A-Z0-9]+)(?:\|[^>]*)?>/g)].map((m) => m[1]!))];
}
