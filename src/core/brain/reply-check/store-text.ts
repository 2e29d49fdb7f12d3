import type { Knowledge } from "../../knowledge/knowledge.js";
import { plainLower } from "../../language/plain-lower.js";

/** What every check reads of a store's knowledge, worked out once per knowledge object, not once per reply. */
interface StoreText {
  /** The whole knowledge file, plain lower case: a link, number or name found here is the store's. */
  plain: string;
  /** The words of its values (never its field names: "price" is not a fact because inventory has a price field). */
  words: ReadonlySet<string>;
  /** Every letter run of `plain`, field names included: the words a name check may take as the store's. */
  tokens: readonly string[];
}

const cache = new WeakMap<Knowledge, StoreText>();

function valueWords(knowledge: Knowledge): Set<string> {
  const words = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === "string") for (const w of plainLower(value).match(/[a-z]+(?:'[a-z]+)?/g) ?? []) words.add(w);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  walk(knowledge);
  return words;
}

export function storeTextOf(knowledge: Knowledge): StoreText {
  let text = cache.get(knowledge);
  if (!text) {
    const plain = plainLower(JSON.stringify(knowledge));
    text = { plain, words: valueWords(knowledge), tokens: plain.match(/[a-z]+/g) ?? [] };
    cache.set(knowledge, text);
  }
  return text;
}
