/**
 * SMS length, measured the way carriers bill it (GSM 03.38 / 3GPP TS 23.038).
 *
 * A text that uses only the GSM-7 alphabet costs one septet a character (two for the
 * extension table: ^ { } [ ] ~ \ | € and form feed); anything else sends the whole message as
 * UCS-2, one unit per UTF-16 code unit. One segment holds 160 septets or 70 units; a longer
 * message is split into segments of 153 or 67, because each carries a concatenation header.
 */
export type SmsEncoding = "GSM-7" | "UCS-2";

export interface SmsMeasure {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  /** Messages the carrier sends; 0 for an empty text. */
  segments: number;
}

const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION = "^{}\\[~]|€\f";

const BASIC = new Set(GSM_BASIC);
const EXTENSION = new Set(GSM_EXTENSION);

const LIMITS = {
  "GSM-7": { single: 160, part: 153 },
  "UCS-2": { single: 70, part: 67 },
} as const;

function isGsm(text: string): boolean {
  for (const ch of text) if (!BASIC.has(ch) && !EXTENSION.has(ch)) return false;
  return true;
}

/** Cost of each character: escape pairs and surrogate pairs are indivisible. */
function costs(text: string, encoding: SmsEncoding): number[] {
  const out: number[] = [];
  for (const ch of text) out.push(encoding === "GSM-7" ? (EXTENSION.has(ch) ? 2 : 1) : ch.length);
  return out;
}

/** Packs characters into segments the way a phone does: a pair never straddles two. */
function countParts(charCosts: number[], part: number): number {
  let parts = 1;
  let used = 0;
  for (const cost of charCosts) {
    if (used + cost > part) {
      parts += 1;
      used = 0;
    }
    used += cost;
  }
  return parts;
}

export function measureSms(text: string): SmsMeasure {
  const encoding: SmsEncoding = isGsm(text) ? "GSM-7" : "UCS-2";
  const charCosts = costs(text, encoding);
  const units = charCosts.reduce((sum, c) => sum + c, 0);
  const limit = LIMITS[encoding];
  const segments = units === 0 ? 0 : units <= limit.single ? 1 : countParts(charCosts, limit.part);
  return { encoding, units, segments };
}

function fits(text: string, maxSegments: number): boolean {
  return measureSms(text).segments <= maxSegments;
}

/**
 * Shortens a text at a word boundary so it fits in `maxSegments`, ending with an ellipsis.
 * A GSM-7 text gets "..." rather than "…": the single character is not in the GSM alphabet and
 * would turn the whole message into UCS-2, more than halving what fits.
 */
export function fitSms(text: string, maxSegments = 2): string {
  if (fits(text, maxSegments)) return text;
  const ellipsis = isGsm(text) ? "..." : "…";
  const chars = Array.from(text);
  // Longest prefix (in whole characters) that still fits with the ellipsis.
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(chars.slice(0, mid).join("") + ellipsis, maxSegments)) low = mid;
    else high = mid - 1;
  }
  const prefix = chars.slice(0, low).join("");
  const nextIsSpace = /\s/.test(chars[low] ?? " ");
  const boundary = nextIsSpace ? prefix.length : prefix.search(/\s+\S*$/);
  const cut = boundary > 0 ? prefix.slice(0, boundary) : prefix;
  return cut.replace(/[\s,;:.\-–—]+$/u, "") + ellipsis;
}
