import type { Knowledge } from "../../knowledge/knowledge.js";
import { plainLower } from "../../language/plain-lower.js";
import { findMoney, type MoneyMention } from "../find-money.js";
import { findNumberWords } from "./number-words.js";
import type { ReplyViolation } from "./reply-violation.js";
import { storeTextOf } from "./store-text.js";

/** What follows a spelled number that makes it a count, not an amount: "twenty-four hours". */
const UNIT_AFTER =
  /^[\s-]*(?:minutes?|mins?|hours?|hrs?|days?|weeks?|miles?|seats?|rows?|doors?|cylinders?|people|passengers|times|steps|minutos?|horas?|dias?|semanas?|millas?|asientos?|filas?|puertas?|personas?|veces|pasos?)\b/;
/** Before a spelled number that makes it a clock time: "at nine thirty", "a las nueve". */
const CLOCK_BEFORE =
  /(?:\bat|\bby|\buntil|\btill|\bfrom|\baround|\bbefore|\bafter|\ba las|\bde las|\bhasta las|\bdesde las|\bpara las|\bantes de las)\s*$/;
const CLOCK_AFTER = /^\s*(?:am|pm|a\.m\.|p\.m\.|o'?clock|de la manana|de la tarde|de la noche|en punto)\b/;
/** After a number that makes it money: "five hundred off", "two ninety-nine a month". */
const MONEY_AFTER =
  /^[\s-]*(?:dollars?|bucks|grand\b(?! (?:cherokee|caravan|highlander|wagoneer|prix|marquis|am\b|vitara|national))|k\b|a month|per month|a mo\b|\/mo|monthly|down\b(?! (?:the|to|from|at|on)\b)|off\b(?!\s+(?:i-?\d|us-?\d|hwy|highway|the\b|exit|interstate|at\b|of\b|onto\b|to\b))|apr|percent|%|al mes|mensuales|mensual|dolares|pesos|de enganche|por ciento|de descuento|mil\b|thousand|hundred)/;

const groundedCache = new WeakMap<Knowledge, Set<string>>();

/** Numbers the store's facts use (hours in 12-hour form too): the reply may repeat them. Worked out once per knowledge. */
export function groundedNumbers(knowledge: Knowledge): ReadonlySet<string> {
  const cached = groundedCache.get(knowledge);
  if (cached) return cached;
  const found = new Set<string>();
  groundedCache.set(knowledge, found);
  for (const m of storeTextOf(knowledge).plain.matchAll(/\d[\d,]*/g)) found.add(m[0].replace(/,/g, ""));
  for (const department of knowledge.departments) {
    for (const hours of department.hours) {
      for (const time of [hours.open, hours.close]) {
        const [h, min] = time.split(":").map(Number) as [number, number];
        const twelve = h % 12 === 0 ? 12 : h % 12;
        found.add(String(twelve)).add(String(h)).add(String(min).padStart(2, "0"));
      }
    }
  }
  return found;
}

/** Amounts in words: two or more number words (not a clock time or a count), or a money word after any. */
function checkNumberWords(plain: string): ReplyViolation[] {
  const out: ReplyViolation[] = [];
  for (const run of findNumberWords(plain)) {
    const at = plain.indexOf(run.raw);
    const before = plain.slice(0, at);
    const after = plain.slice(at + run.raw.length);
    if (MONEY_AFTER.test(after)) {
      out.push({ rule: "money", matched: `${run.raw}${after.match(MONEY_AFTER)![0]}` });
      continue;
    }
    if (UNIT_AFTER.test(after)) continue;
    const clock = run.words <= 2 && !run.magnitude && (CLOCK_BEFORE.test(before) || CLOCK_AFTER.test(after));
    if (!clock && run.words >= 2) out.push({ rule: "money", matched: run.raw });
  }
  return out;
}

/**
 * Numbers in digits the store never gave: a model inventing "28500", "2.9", "72 months" or a
 * deadline. Allowed: the store's own numbers, the customer's, model years, clock times, dates
 * and small counts. Money is judged separately (only a named vehicle's listed price passes).
 */
function checkDigits(reply: string, grounded: ReadonlySet<string>, customerText: string): ReplyViolation[] {
  const theirs = new Set([...customerText.matchAll(/\d[\d,]*/g)].map((m) => m[0].replace(/,/g, "")));
  const out: ReplyViolation[] = [];
  for (const m of reply.matchAll(/\d[\d,]*(?:\.\d+)?/g)) {
    const digits = m[0].replace(/,/g, "").replace(/\.$/, "");
    const value = Number(digits);
    const after = reply.slice(m.index! + m[0].length);
    const before = reply.slice(0, m.index!);
    const isClock =
      /^(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?|o'?clock)/i.test(after) || /\d:$/.test(before) || /^:\d{2}/.test(after);
    const isDate =
      /(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ene|abr|ago|dic)\w*\.?\s*$/i.test(before) ||
      /^(?:st|nd|rd|th)\b|^\/\d/.test(after) ||
      /\d\/$/.test(before);
    const isYear = Number.isInteger(value) && value >= 1980 && value <= 2035;
    // "13 mil", "5 hundred off": digits made money by the word after them.
    if (MONEY_AFTER.test(plainLower(after))) {
      out.push({ rule: "money", matched: `${m[0]}${plainLower(after).match(MONEY_AFTER)![0]}` });
      continue;
    }
    if (
      grounded.has(digits) ||
      theirs.has(digits) ||
      isClock ||
      isDate ||
      isYear ||
      (Number.isInteger(value) && value <= 12)
    )
      continue;
    out.push({ rule: "ungrounded_number", matched: m[0] });
  }
  return out;
}

/** Amounts and rates: only the listed online price of a vehicle the sentence names may appear. */
export function checkMoney(reply: string, knowledge: Knowledge): ReplyViolation[] {
  return findMoney(reply)
    .filter((money) => !isListedPrice(money, reply, knowledge))
    .map((money) => ({ rule: "money", matched: money.raw }));
}

/** The amount is the listed online price of a vehicle `text` names (by model or stock number). */
export function isListedPrice(money: MoneyMention, text: string, knowledge: Knowledge): boolean {
  if (money.isRate || money.dollars === undefined) return false;
  const lower = text.toLowerCase();
  return knowledge.inventory.some(
    (item) =>
      item.price === money.dollars &&
      (lower.includes(item.model.toLowerCase()) || lower.includes(item.stock.toLowerCase())),
  );
}

/** Every number the reply should not carry: amounts in any form, and figures from nowhere. */
export function checkNumbers(reply: string, knowledge: Knowledge, customerText: string): ReplyViolation[] {
  const money = checkMoney(reply, knowledge);
  const words = checkNumberWords(plainLower(reply));
  // A listed price is money already judged; its digits need no second verdict.
  const withoutMoney = findMoney(reply).reduce((rest, m) => rest.replace(m.raw, " "), reply);
  return [...money, ...words, ...checkDigits(withoutMoney, groundedNumbers(knowledge), customerText)];
}
