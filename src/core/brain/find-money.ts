/** A money amount or rate written in a text: "$31,990", "28k", "2.9%", "199/month". */
export interface MoneyMention {
  raw: string;
  /** Dollars, when it is an amount; undefined for a rate. */
  dollars?: number;
  isRate: boolean;
}

const PATTERNS: RegExp[] = [
  /\$\s?\d[\d,]*(?:\.\d+)?(?:\s?k\b)?/gi,
  /\b\d+(?:\.\d+)?\s?k\b(?!\s?(?:mi\b|miles|mile|kms?\b|km\b))/gi,
  /\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b(?!\s?(?:mi\b|miles|mile))/g,
  /\b\d+(?:\.\d+)?\s?(?:%|percent\b)/gi,
  /\b\d+(?:\.\d+)?\s?(?:dollars|bucks|usd)\b|\b\d+(?:\.\d+)?\s?grand\b(?! (?:cherokee|highlander|wagoneer|caravan|prix|marquis))/gi,
  /\b\d+(?:\.\d+)?\s?(?:\/|a |per )\s?(?:mo|month)\b/gi,
];

function toDollars(raw: string): number | undefined {
  const lower = raw.toLowerCase();
  const n = Number(lower.replace(/[^0-9.]/g, ""));
  if (!Number.isFinite(n)) return undefined;
  return /k\b|grand/.test(lower) ? n * 1000 : n;
}

/** Every amount or rate in the text, each once, in order of appearance. */
export function findMoney(text: string): MoneyMention[] {
  const hits: { index: number; raw: string }[] = [];
  for (const pattern of PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const overlaps = hits.some((h) => m.index! < h.index + h.raw.length && h.index < m.index! + m[0].length);
      if (!overlaps) hits.push({ index: m.index!, raw: m[0] });
    }
  }
  return hits
    .sort((a, b) => a.index - b.index)
    .map(({ raw }) => {
      const isRate = /%|percent/i.test(raw);
      return { raw, isRate, dollars: isRate ? undefined : toDollars(raw) };
    });
}
