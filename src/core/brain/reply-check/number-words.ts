import { plainLower } from "../../language/plain-lower.js";

/** A run of number words in a text: "twenty-eight five", "doscientos al mes". */
export interface NumberWords {
  raw: string;
  /** How many number words the run has ("two ninety-nine" has three). */
  words: number;
  /** It has a hundred, thousand, grand, mil, cien…: a size only money usually has in a car text. */
  magnitude: boolean;
}

const UNITS = new Set(
  (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen " +
    "twenty thirty forty fifty sixty seventy eighty ninety " +
    "cero un uno una dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciseis diecisiete dieciocho diecinueve " +
    "veinte veintiuno veintiuna veintidos veintitres veinticuatro veinticinco veintiseis veintisiete veintiocho veintinueve " +
    "treinta cuarenta cincuenta sesenta setenta ochenta noventa couple few several par"
  ).split(" "),
);
const MAGNITUDES = new Set(
  (
    "hundred hundreds thousand thousands grand million millions k " +
    "cien ciento cientos doscientos doscientas trescientos trescientas cuatrocientos quinientos seiscientos setecientos ochocientos novecientos " +
    "mil millon millones"
  ).split(" "),
);
const NOT_ALONE = new Set(["a", "k", "grand", "mil", "un", "una", "uno", "couple", "few", "several", "par"]);
/** Words that join number words into one amount: "thirty and a half", "treinta y cinco". */
const JOINERS = new Set(["and", "y", "a", "point", "punto"]);

/**
 * Every run of spelled-out numbers, in English and Spanish, accents or not. Amounts written in
 * words are how a commitment slips past a digit check ("twenty-eight five out the door").
 */
export function findNumberWords(text: string): NumberWords[] {
  const tokens = [...plainLower(text).matchAll(/[a-z]+/g)];
  const runs: NumberWords[] = [];
  let start = -1;
  let end = 0;
  let count = 0;
  let magnitude = false;
  let pendingJoiner = false;
  let first = "";
  const close = () => {
    if (count > 1 || (count === 1 && !NOT_ALONE.has(first)))
      runs.push({ raw: plainLower(text).slice(start, end), words: count, magnitude });
    start = -1;
    count = 0;
    magnitude = false;
    pendingJoiner = false;
  };
  for (const token of tokens) {
    const word = token[0];
    const at = token.index!;
    const isNumber = UNITS.has(word) || MAGNITUDES.has(word);
    // Some words are numbers only beside another: "a month", "Grand Cherokee", "mil gracias" are not.
    if (isNumber && !(count === 0 && (word === "a" || word === "k"))) {
      if (count === 0) {
        start = at;
        first = word;
      }
      count += 1;
      magnitude ||= MAGNITUDES.has(word);
      end = at + word.length;
      pendingJoiner = false;
    } else if (count > 0 && JOINERS.has(word) && !pendingJoiner) {
      pendingJoiner = true;
    } else {
      close();
    }
  }
  close();
  return runs;
}
