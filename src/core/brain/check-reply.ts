import type { Knowledge } from "../knowledge/knowledge.js";
import { detectLanguage, type Language } from "../language/detect-language.js";
import { plainLower } from "../language/plain-lower.js";
import type { BrainInput } from "../ports/brain.js";
import { detectInjection } from "./detect-injection.js";
import { findMoney } from "./find-money.js";
import { findVehicleMentions } from "./find-vehicle-mentions.js";
import { checkContacts } from "./reply-check/check-contacts.js";
import { checkNames } from "./reply-check/check-names.js";
import { checkNumbers, isListedPrice } from "./reply-check/check-numbers.js";
import { findCommitment } from "./reply-check/commitment-words.js";
import { leanOf } from "./reply-check/plain-words.js";
import type { ReplyRule, ReplyViolation } from "./reply-check/reply-violation.js";
import { findSensitiveStatements, splitSentences } from "./reply-check/sensitive-sentences.js";
import { CANNOT, MYSELF, NEGATION, OFFERS_VEHICLE, PERSONA, PROMISE, REVEAL } from "./reply-rules.js";

export type { ReplyRule, ReplyViolation } from "./reply-check/reply-violation.js";

export interface ReplyCheck {
  ok: boolean;
  violations: ReplyViolation[];
}

/** What the check needs to know about the conversation. */
export type ReplyCheckInput = Pick<BrainInput, "text" | "knowledge"> & {
  lead?: BrainInput["lead"];
  /** The language the reply must be in; unchecked when absent. */
  language?: Language;
};

/**
 * Text the store itself wrote may be repeated as is: it is what the knowledge says. The address
 * goes in parts too, so "we're at 4810 Ridgeline Parkway, Fort Worth" is not read as a "worth".
 */
function withoutStoreText(reply: string, knowledge: Knowledge): string {
  const addressParts = (knowledge.address ?? "").split(/\s*,\s*/);
  const passages = [
    ...knowledge.faq.flatMap((f) => [f.answer, f.answerEs]),
    ...Object.values(knowledge.policies),
    knowledge.directions,
    knowledge.directionsEs,
    knowledge.address,
    ...addressParts,
  ];
  let rest = reply;
  for (const passage of passages) {
    if (passage && passage.length >= 5) rest = rest.split(passage).join(" ");
  }
  return rest;
}

function matchAll(rule: ReplyRule, patterns: RegExp[], text: string): ReplyViolation[] {
  return patterns.flatMap((p) => {
    const m = p.exec(text);
    return m ? [{ rule, matched: m[0] }] : [];
  });
}

/** A vehicle offered as available must be one the store lists as available or on its way. */
function checkVehicles(reply: string, knowledge: Knowledge): ReplyViolation[] {
  const out: ReplyViolation[] = [];
  for (const sentence of splitSentences(reply)) {
    const lower = sentence.toLowerCase();
    if (!OFFERS_VEHICLE.test(lower) || NEGATION.test(lower)) continue;
    for (const mention of findVehicleMentions(sentence)) {
      if (!mention.model) continue;
      const stocked = knowledge.inventory.some(
        (item) =>
          item.model.toLowerCase() === mention.model!.toLowerCase() &&
          (item.status === "available" || item.status === "in_transit"),
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
  const echoed = injection.quoted.filter((q) =>
    new RegExp(`\\b${q.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).test(lower),
  );
  const out: ReplyViolation[] = echoed.map((q) => ({ rule: "echo", matched: q }));
  if (reply.trim().split(/\s+/).length <= 3) out.push({ rule: "echo", matched: reply.trim() });
  return out;
}

/** The store's people, as the plain words a sentence names them by. */
function staffNames(knowledge: Knowledge): string[] {
  return knowledge.staff.flatMap((s) => plainLower(s.name).match(/[a-z]+/g) ?? []);
}

/** A sentence whose only money is the listed price of a vehicle it names. */
function listsPrice(knowledge: Knowledge): (sentence: string) => boolean {
  return (sentence) => {
    const money = findMoney(sentence);
    return money.length > 0 && money.every((m) => isListedPrice(m, sentence, knowledge));
  };
}

/** Speaking as someone with a body: "I'll check it myself", "yo mismo". Saying what it cannot do is not that. */
function checkMyself(plain: string): ReplyViolation[] {
  return splitSentences(plain)
    .filter((s) => MYSELF.test(s) && !CANNOT.test(s))
    .map((s) => ({ rule: "persona" as const, matched: s }));
}

function checkLanguage(reply: string, expected: Language | undefined): ReplyViolation[] {
  if (!expected) return [];
  const written = detectLanguage(reply) ?? leanOf(plainLower(reply).match(/[a-z]+/g) ?? []);
  return written && written !== expected
    ? [{ rule: "wrong_language", matched: `written in ${written}, customer writes in ${expected}` }]
    : [];
}

/**
 * Checks a reply before it is sent, whichever brain wrote it. Any violation means a person
 * answers instead. The rules name what a reply does, not how it is phrased: money in any form
 * (digits, words, Spanish) beyond a named vehicle's listed price; numbers, links, phone numbers,
 * addresses and people the store never gave; accepting, holding, approving, guaranteeing,
 * covering; any statement on money, credit, trade or warranty that is not a question or a
 * hand-over to a person; posing as a person; revealing instructions; parroting injected text;
 * and a reply in a language other than the customer's.
 */
export function checkReply(reply: string, input: ReplyCheckInput): ReplyCheck {
  const { knowledge, text } = input;
  const own = withoutStoreText(reply, knowledge);
  const contacts = checkContacts(own, knowledge, text);
  const plain = plainLower(contacts.rest);
  const commitment = findCommitment(plain);
  const violations = [
    ...contacts.violations,
    ...checkNumbers(contacts.rest, knowledge, text),
    ...(commitment ? [{ rule: "commitment" as const, matched: commitment.matched }] : []),
    ...findSensitiveStatements(plain, listsPrice(knowledge), staffNames(knowledge)).map((s) => ({
      rule: "sensitive_claim" as const,
      matched: s.sentence,
    })),
    ...matchAll("promise", PROMISE, plain),
    ...matchAll("persona", PERSONA, plain),
    ...checkMyself(plain),
    ...checkNames(own, knowledge, text, input.lead?.name),
    ...matchAll("reveal", REVEAL, plain),
    ...checkVehicles(own, knowledge),
    ...checkEcho(reply, text),
    ...checkLanguage(own, input.language),
  ];
  return { ok: violations.length === 0, violations };
}
