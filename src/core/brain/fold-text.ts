import { plainLower } from "../language/plain-lower.js";

/**
 * Lower case, accents gone, apostrophes straightened, common SMS contractions spelt out:
 * the form the guardrail patterns are written against ("U R a bot?" → "you are a bot?").
 */
const SHORTHAND: [RegExp, string][] = [
  [/\bu\b/g, "you"],
  [/\bur\b/g, "your"],
  [/\br\b/g, "are"],
  [/\bpls\b|\bplz\b/g, "please"],
  [/\bgimme\b/g, "give me"],
  [/\blemme\b/g, "let me"],
  [/\bwanna\b/g, "want to"],
  [/\bgonna\b/g, "going to"],
  [/\by'?all\b/g, "you all"],
  [/\b(do|does|is|are|was|were|can|could|would|should|have|has|did|wo|ca)nt\b/g, "$1n't"],
  [/\bim\b/g, "i'm"],
  [/\bive\b/g, "i've"],
  [/\bthats\b/g, "that's"],
  [/\bwhats\b/g, "what's"],
];

export function foldText(text: string): string {
  let out = plainLower(text).replace(/[“”]/g, '"');
  for (const [pattern, replacement] of SHORTHAND) out = out.replace(pattern, replacement);
  return out.replace(/\s+/g, " ").trim();
}
