import { CALMING, GRIEVANCE, LEGAL, STRONG, WEAK } from "./frustration-cues.js";

/**
 * How upset a text reads, 0 calm … 1 furious, from weighted signals. One strong word or one
 * concrete grievance is enough for a person; weak hints ("again", "??") only count together.
 */
export interface Frustration {
  score: number;
  signals: string[];
  /** Lawyers, the BBB, the attorney general: always a person, always a manager. */
  legal: boolean;
}

/** Acronyms customers write in capitals without raising their voice. */
const ACRONYMS =
  /^(?:STOP|HELP|INFO|AWD|OEM|TRD|VIN|CRV|HRV|SUV|XLE|XSE|ASAP|GMC|BMW|APR|MSRP|LTZ|RST|FYI|LMAO|LOL|OMG)$/;

function firstHit(patterns: RegExp[], text: string): string | undefined {
  for (const p of patterns) {
    const m = p.exec(text);
    if (m) return m[0];
  }
  return undefined;
}

/** `original` keeps capitals, so "STILL" and "AGAIN" count as a raised voice. */
export function scoreFrustration(text: string, original: string): Frustration {
  const signals: string[] = [];
  let score = 0;
  const legal = LEGAL.test(text);
  if (legal) signals.push("legal threat");
  const strong = firstHit(STRONG, text);
  if (strong) ((score += 0.6), signals.push(strong));
  const grievance = firstHit(GRIEVANCE, text);
  if (grievance) ((score += 0.45), signals.push(grievance));
  for (const [pattern, name] of WEAK) if (pattern.test(text)) ((score += 0.25), signals.push(name));
  const shouting = (original.match(/\b[A-Z]{4,}\b/g) ?? []).filter((w) => !ACRONYMS.test(w));
  if (shouting.length) ((score += Math.min(0.4, 0.2 * shouting.length)), signals.push("capitals"));
  if (CALMING.test(text) && !strong && !grievance) score -= 0.3;
  return { score: legal ? 1 : Math.max(0, Math.min(1, Number(score.toFixed(2)))), signals, legal };
}
