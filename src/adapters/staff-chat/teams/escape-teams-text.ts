/**
 * A Teams message that carries a mention is read as markdown and HTML: `[click](https://…)`
 * becomes a link, `<b>` markup, `**` bold. Outside words (a customer's name, a lead's message)
 * in such a message go through this; plain-text messages need nothing.
 */
export function escapeTeamsText(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]()#+!|~])/g, "\\$1");
}
