/**
 * A burst's texts (oldest first) in the parts Baton answers: a consent text (STOP, START, HELP,
 * a revocation) alone, decided in the order it came; the texts between them together, one turn.
 */
export function splitAtConsent<T>(texts: T[], isConsent: (text: T) => boolean): T[][] {
  const parts: T[][] = [];
  for (const text of texts) {
    const open = parts.at(-1);
    if (open && !isConsent(text) && !isConsent(open[0]!)) open.push(text);
    else parts.push([text]);
  }
  return parts;
}
