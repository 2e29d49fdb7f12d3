import { AMBIGUOUS_MODELS, CATALOG } from "./vehicle-catalog.js";

/** A make or model named in a text, in the catalog's spelling. */
export interface VehicleMention {
  make: string;
  model?: string;
  /** Word position in `foldVehicleText(text)`, to tell which came first and what surrounds it. */
  at: number;
  /** How many words the mention spans. */
  length: number;
}

interface Alias {
  words: string[];
  make: string;
  model?: string;
  ambiguous: boolean;
}

const COLOURS =
  /^(?:white|black|silver|grey|gray|red|blue|green|tan|beige|gold|orange|yellow|brown|maroon|burgundy|charcoal|pearl|bronze|purple)$/;
/** Everyday words one typo away from a model name. */
const COMMON_WORDS = new Set([
  "explore",
  "explored",
  "records",
  "accords",
  "escaped",
  "traverses",
  "camera",
  "pilots",
  "tacos",
  "ranges",
  "mustard",
  "sentry",
  "outlook",
  "forest",
  "forests",
  "sonnet",
  "carnivals",
  "tundras",
  "legends",
  "altitude",
]);

/** The words mentions are found in: lower case, letters and digits only. */
export function foldVehicleText(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’']s\b/g, "")
    .replace(/[^a-z0-9.]+/g, " ")
    .replace(/\.(?!\d)/g, " ")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

function buildAliases(): Alias[] {
  const out: Alias[] = [];
  const add = (name: string, make: string, model?: string) => {
    const words = foldVehicleText(name);
    if (words.length) out.push({ words, make, model, ambiguous: AMBIGUOUS_MODELS.has(words.join(" ")) });
  };
  for (const entry of CATALOG) {
    for (const alias of entry.aliases) add(alias, entry.make);
    for (const [model, spellings] of Object.entries(entry.models)) {
      for (const name of [model, ...spellings]) add(name, entry.make, model);
    }
  }
  return out.sort((a, b) => b.words.length - a.words.length);
}

const ALIASES = buildAliases();
const FUZZY_TARGETS = ALIASES.filter(
  (a) => a.model && a.words.length === 1 && a.words[0]!.length >= 6 && !a.ambiguous && /^[a-z]+$/.test(a.words[0]!),
);

/** Optimal-string-alignment distance, stopping early once it exceeds 1. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]! <= 1;
}

/** "4runners", "hondas", "f150s": a plural names the same vehicle. */
function sameWord(word: string | undefined, aliasWord: string): boolean {
  return word === aliasWord || (word !== undefined && word.length > 2 && word === `${aliasWord}s`);
}

function matchesAt(words: string[], i: number, alias: Alias): boolean {
  return alias.words.every((w, k) => sameWord(words[i + k], w));
}

/** A word like "edge" is a model only with a make, a year, a colour or "my/new/used/the" before it. */
function hasContext(words: string[], i: number, make: string, makesNamed: Set<string>): boolean {
  if (makesNamed.has(make)) return true;
  const before = words.slice(Math.max(0, i - 2), i);
  const next = words[i + 1];
  return (
    before.some(
      (w) =>
        /^(?:19[89]\d|20[0-3]\d|'?\d{2})$/.test(w) || COLOURS.test(w) || /^(?:my|new|used|the|a|your|that)$/.test(w),
    ) && next !== "of"
  );
}

export function findVehicleMentions(text: string): VehicleMention[] {
  const words = foldVehicleText(text);
  const makesNamed = new Set(
    ALIASES.filter((a) => !a.model && !a.ambiguous && words.some((_, i) => matchesAt(words, i, a))).map((a) => a.make),
  );
  const found: VehicleMention[] = [];
  for (let i = 0; i < words.length; i++) {
    const alias = ALIASES.find(
      (a) => matchesAt(words, i, a) && (!a.ambiguous || hasContext(words, i, a.make, makesNamed)),
    );
    if (alias) {
      found.push({ make: alias.make, model: alias.model, at: i, length: alias.words.length });
      i += alias.words.length - 1;
      continue;
    }
    const word = words[i]!;
    if (word.length < 6 || COMMON_WORDS.has(word)) continue;
    const near = FUZZY_TARGETS.find((a) => withinOneEdit(word, a.words[0]!));
    if (near) found.push({ make: near.make, model: near.model, at: i, length: 1 });
  }
  return found;
}
