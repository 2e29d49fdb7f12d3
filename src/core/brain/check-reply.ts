import type { Knowledge } from "../knowledge/knowledge.js";
import type { BrainInput } from "../ports/brain.js";
import { detectInjection } from "./detect-injection.js";
import { findMoney } from "./find-money.js";
import { findVehicleMentions } from "./find-vehicle-mentions.js";
import { COMMITMENT, NEGATION, OFFERS_VEHICLE, PERSONA, PROMISE, REVEAL, type ReplyRule } from "./reply-rules.js";

export interface ReplyViolation {
  rule: ReplyRule;
  matched: string;
}

export interface ReplyCheck {
  ok: boolean;
  violations: ReplyViolation[];
}

const CALENDAR = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Memorial|Labor|Christmas|Thanksgiving|New|Independence)$/;
const INTRODUCTION = /\b(?:[Tt]his is|[Mm]y name is|I'm|I am|[Ii]t'?s|[Ss]igned)\s+([A-Z][a-z]+)/g;
const SIGN_OFF = /(?:^|\s)[-–—~]\s?([A-Z][a-z]+)(?:\s[A-Z][a-z]+)?(?:,\s?[A-Z][\w ]*)?[\s.!]*$/;
const DAY_ABBREVIATION = /^(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)$/;

function isStoreOrCalendar(word: string, storeWords: Set<string>): boolean {
  return storeWords.has(word) || CALENDAR.test(word) || DAY_ABBREVIATION.test(word) || word === "Baton" || findVehicleMentions(word).length > 0;
}

/** Text the store itself wrote may be repeated as is: it is what the knowledge says. */
function withoutStoreText(reply: string, knowledge: Knowledge): string {
  const passages = [...knowledge.faq.flatMap((f) => [f.answer, f.answerEs]), ...Object.values(knowledge.policies), knowledge.directions, knowledge.directionsEs, knowledge.address];
  let rest = reply;
  for (const passage of passages) {
    if (passage && passage.length >= 12) rest = rest.split(passage).join(" ");
  }
  return rest;
}

/** Amounts are allowed only as the online price of a vehicle the reply names. */
function checkMoney(reply: string, knowledge: Knowledge): ReplyViolation[] {
  const lower = reply.toLowerCase();
  return findMoney(reply)
    .filter((money) => {
      if (money.isRate || money.dollars === undefined) return true;
      const listed = knowledge.inventory.find(
        (item) => item.price === money.dollars && (lower.includes(item.model.toLowerCase()) || lower.includes(item.stock.toLowerCase())),
      );
      return !listed;
    })
    .map((money) => ({ rule: "money", matched: money.raw }));
}

function matchAll(rule: ReplyRule, patterns: RegExp[], text: string): ReplyViolation[] {
  return patterns.flatMap((p) => {
    const m = p.exec(text);
    return m ? [{ rule, matched: m[0] }] : [];
  });
}

function checkPersona(reply: string, knowledge: Knowledge): ReplyViolation[] {
  const storeWords = new Set(knowledge.name.split(/\s+/));
  const found = matchAll("persona", PERSONA, reply.toLowerCase());
  for (const m of reply.matchAll(INTRODUCTION)) {
    if (!isStoreOrCalendar(m[1]!, storeWords)) found.push({ rule: "persona", matched: m[0] });
  }
  const signOff = SIGN_OFF.exec(reply);
  if (signOff && !isStoreOrCalendar(signOff[1]!, storeWords)) found.push({ rule: "persona", matched: signOff[0].trim() });
  return found;
}

/** A vehicle offered as available must be one the store lists as available or on its way. */
function checkVehicles(reply: string, knowledge: Knowledge): ReplyViolation[] {
  const out: ReplyViolation[] = [];
  for (const sentence of reply.split(/(?<=[.!?])\s+/)) {
    const lower = sentence.toLowerCase();
    if (!OFFERS_VEHICLE.test(lower) || NEGATION.test(lower)) continue;
    for (const mention of findVehicleMentions(sentence)) {
      if (!mention.model) continue;
      const stocked = knowledge.inventory.some(
        (item) => item.model.toLowerCase() === mention.model!.toLowerCase() && (item.status === "available" || item.status === "in_transit"),
      );
      if (!stocked) out.push({ rule: "unknown_vehicle", matched: `${mention.make} ${mention.model}` });
    }
  }
  return out;
}

/** The reply repeats what an injected instruction asked it to say, or is a bare yes/approved. */
function checkEcho(reply: string, text: string): ReplyViolation[] {
  const injection = detectInjection(text);
  if (!injection) return [];
  const lower = reply.toLowerCase();
  const echoed = injection.quoted.filter((q) => new RegExp(`\\b${q.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).test(lower));
  const out: ReplyViolation[] = echoed.map((q) => ({ rule: "echo", matched: q }));
  if (reply.trim().split(/\s+/).length <= 3) out.push({ rule: "echo", matched: reply.trim() });
  return out;
}

/**
 * Checks a reply before it is sent. Any violation means a person answers instead: the
 * assistant never quotes money beyond a listed price, commits, promises, poses as a person,
 * reveals its instructions or parrots an injected line.
 */
export function checkReply(reply: string, input: Pick<BrainInput, "text" | "knowledge">): ReplyCheck {
  const own = withoutStoreText(reply, input.knowledge);
  const lower = own.toLowerCase();
  const violations = [
    ...checkMoney(own, input.knowledge),
    ...matchAll("commitment", COMMITMENT, lower),
    ...matchAll("promise", PROMISE, lower),
    ...checkPersona(own, input.knowledge),
    ...matchAll("reveal", REVEAL, lower),
    ...checkVehicles(own, input.knowledge),
    ...checkEcho(reply, input.text),
  ];
  return { ok: violations.length === 0, violations };
}
