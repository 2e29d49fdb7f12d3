import type { Knowledge } from "../../../core/knowledge/knowledge.js";

type Faq = Knowledge["faq"][number];

const STOPWORDS = new Set(
  "a an the i you we my your our me us is are am was were be do does did can could would should will have has had to of for in on at by with and or but if it its it's this that these those there here what which who when where why how any some just so get got need want please hi hey thanks ok yes no not guys all know tell about from into out up there's i'm i'd".split(
    " ",
  ),
);

function stem(word: string): string {
  return word.replace(/(?:ing|ed|es|s)$/, "");
}

function contentWords(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9'-]+/)
      .filter((w) => w.length > 2 && !STOPWORDS.has(w))
      .map(stem),
  );
}

function score(text: string, words: Set<string>, faq: Faq): number {
  const phrases = faq.keywords.filter((k) =>
    new RegExp(`\\b${k.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).test(text),
  );
  const overlap = [...contentWords(faq.question)].filter((w) => words.has(w)).length;
  return phrases.length * 3 + overlap;
}

/**
 * The store's own answer to a question, when one of its FAQ entries clearly matches: a
 * keyword phrase (3 points) backed by a word of the entry's question (1 point each), or two
 * keyword phrases. One stray keyword ("bus" in a trip question) is not enough.
 */
export function matchFaq(text: string, knowledge: Knowledge): Faq | undefined {
  const words = contentWords(text);
  let best: Faq | undefined;
  let bestScore = 0;
  for (const faq of knowledge.faq) {
    const s = score(text, words, faq);
    if (s > bestScore) [best, bestScore] = [faq, s];
  }
  return bestScore >= 4 ? best : undefined;
}
