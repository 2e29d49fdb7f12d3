/**
 * Slack reads `&`, `<` and `>` as markup: `<!channel>` pings everyone, `<@U123>` a person,
 * `<https://x|click>` forges a link. Every text Baton posts goes through this, whoever wrote it
 * (a customer, a lead form, a provider's error, Baton itself); Baton's own markup (a mention it
 * means, a permalink) is added after.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
