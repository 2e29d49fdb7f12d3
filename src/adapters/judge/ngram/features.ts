import { plainLower } from "../../../core/language/plain-lower.js";

/**
 * A text as hashed n-gram features: words, word pairs and letter runs of 3 to 5 inside
 * words. Letter runs carry typos, shorthand and Spanish inflections ("escriban", "escribas")
 * that a word list would miss; hashing keeps the model a fixed size however large the corpus.
 */
export const FEATURE_BITS = 18;
const MASK = (1 << FEATURE_BITS) - 1;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32 bits, continued from `h`: fast, stable across runs and platforms. */
function mix(h: number, text: string, from = 0, to = text.length): number {
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

const bucket = (h: number) => (h >>> 0) & MASK;
const CHARS = mix(FNV_OFFSET, "c:");

/** Lower case, accents gone, digits as 0, long letter repeats cut to two ("sooo" → "soo"). */
export function foldForFeatures(text: string): string {
  return plainLower(text)
    .replace(/\d/g, "0")
    .replace(/(\p{L})\1{2,}/gu, "$1$1");
}

function tokens(folded: string): string[] {
  return (folded.match(/[\p{L}\p{N}']+|[$%?!]|\p{Extended_Pictographic}/gu) ?? [])
    .map((t) => t.replace(/^'+|'+$/g, ""))
    .filter(Boolean);
}

/** Sparse vector: hashed indices with equal weights, scaled to unit length. */
export interface Features {
  indices: Uint32Array;
  value: number;
}

/**
 * The hashed features of a text. Letter runs are hashed in place, without building their
 * strings: a text makes hundreds of them, and one judgment must stay well under a millisecond.
 */
export function toFeatures(text: string): Features {
  const words = tokens(foldForFeatures(text));
  const seen = new Set<number>();
  seen.add(bucket(mix(FNV_OFFSET, "bias")));
  words.forEach((w, i) => {
    seen.add(bucket(mix(FNV_OFFSET, `w:${w}`)));
    if (i > 0) seen.add(bucket(mix(FNV_OFFSET, `b:${words[i - 1]} ${w}`)));
    if (/^\p{L}{2,}$/u.test(w)) {
      const padded = ` ${w} `;
      for (let k = 0; k + 3 <= padded.length; k++) {
        let h = mix(CHARS, padded, k, k + 2);
        for (let n = 3; n <= 5 && k + n <= padded.length; n++) {
          h = Math.imul(h ^ padded.charCodeAt(k + n - 1), FNV_PRIME);
          // The length is part of the feature, as "c:abc" and "c:abcd" are different names.
          seen.add(bucket(Math.imul(h ^ n, FNV_PRIME)));
        }
      }
    }
  });
  if (words.length > 0) seen.add(bucket(mix(FNV_OFFSET, `first:${words[0]}`)));
  seen.add(
    bucket(
      mix(
        FNV_OFFSET,
        `len:${words.length <= 2 ? "tiny" : words.length <= 6 ? "short" : words.length <= 20 ? "medium" : "long"}`,
      ),
    ),
  );
  const indices = Uint32Array.from(seen).sort();
  return { indices, value: 1 / Math.sqrt(indices.length) };
}
