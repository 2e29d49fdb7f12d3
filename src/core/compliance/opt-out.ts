import { plainLower } from "../language/plain-lower.js";
import type { Language } from "../language/detect-language.js";
import { findRevocationPhrase } from "./revocation-phrases.js";

/**
 * Consent keywords and plain-word revocations (CTIA; FCC 47 CFR 64.1200(a)(10): consent can be
 * revoked "by any reasonable means"). Decided by code before any brain sees the text.
 */
export type ConsentKind = "optout" | "optin" | "help";

export interface ConsentClassification {
  kind: ConsentKind | null;
  matched?: string;
  /**
   * "keyword": the whole text is a keyword the SMS provider itself recognises and confirms
   * (Twilio's defaults); "phrase": anything else, which Baton must confirm itself.
   */
  by?: "keyword" | "phrase";
}

/** Twilio's default opt-out keywords: only an exact single-word text triggers its own reply. */
const PROVIDER_OPTOUT = new Set(["stop", "stopall", "unsubscribe", "cancel", "end", "quit", "revoke", "optout"]);
/** Single-word opt-outs on other carriers' and providers' lists, and the FCC's example "No Mas". */
const OTHER_OPTOUT = new Set([
  "stop all",
  "opt out",
  "remove",
  "arret",
  "td",
  "no mas",
  "no more",
  "unsubscribe me",
  "unsub",
  "go away",
  "dnc",
  "stpo",
  "stopp",
  // Spanish keywords US carriers and messaging providers list: ALTO, PARAR, CANCELAR, BAJA, FIN.
  "alto",
  "parar",
  "cancelar",
  "baja",
  "fin",
  "desuscribir",
  "cancelar suscripcion",
]);
/** Keywords strong enough to count even when the text adds courtesy or emphasis around them. */
const STRONG_OPTOUT = new Set([
  "stop",
  "stopall",
  "stop all",
  "unsubscribe",
  "unsubscribe me",
  "unsub",
  "optout",
  "opt out",
  "revoke",
  "no mas",
]);
const OPTIN = new Set(["start", "unstop"]);
const HELP = new Set(["help", "info"]);
/** Help asked in Spanish: no provider answers it by default, so Baton does. */
const ANY_HELP = new Set([...HELP, "ayuda"]);

/** Politeness around any keyword: "END please", "cancel, thanks". */
const COURTESY = new Set([
  "please",
  "pls",
  "plz",
  "now",
  "asap",
  "immediately",
  "ok",
  "okay",
  "thanks",
  "thank",
  "you",
  "thx",
  "ty",
  "gracias",
  "ya",
  "porfavor",
  "por",
  "favor",
]);
/** Emphasis that may also surround a strong keyword: "ok enough, stop", "stop it", "I said STOP". */
const FILLER = new Set([
  ...COURTESY,
  "right",
  "seriously",
  "already",
  "just",
  "enough",
  "it",
  "lol",
  "omg",
  "god",
  "man",
  "dude",
  "again",
  "sir",
  "maam",
  "for",
  "real",
  "i",
  "said",
  "mean",
  "dang",
  "all",
]);

/** Clauses that give a reason for a STOP or add emphasis, rather than carry on the conversation. */
const COMPANION =
  /^(?:i (?:do not|don'?t) care|i'?m serious|i mean it|for real|(?:i'?m |im )?not interested\b.*|no (?:thanks|thank you)|thanks?(?: you)?|goodbye|bye|no longer (?:interested|need)\b.*|(?:i )?(?:already )?(?:bought|purchased|went with)\b.*|(?:i )?(?:already )?(?:found|got) (?:a|one|another|something|it)\b.*|(?:i )?sold (?:the|my|that) (?:car|truck|vehicle|suv)\b.*|(?:i )?(?:do not|don'?t) (?:need|want) (?:it|one|anything|this|these|them|texts?|messages?)\b.*|(?:this is|you are|you'?re|this|that'?s) (?:harassment|harassing me|annoying|spam)\b.*|enough(?: already)?|leave me alone|(?:i )?(?:never|didn'?t|did not) (?:sign(?:ed)? up|ask(?:ed)?|agree[d]?|opt(?:ed)? in|gave)\b.*|who (?:is|are) (?:this|you)\b.*|how did you get (?:my|this) number\b.*|wrong (?:number|person)\b.*|this is (?:my )?(?:work|business|personal|wife'?s|husband'?s|son'?s|daughter'?s|mom'?s|dad'?s) (?:phone|number|cell)\b.*|this (?:isn'?t|is not) \w+\b.*|(?:this|that) (?:number|phone) (?:doesn'?t|does not|is not|isn'?t)\b.*|seriously|please|now)$/;

/** Words that turn a STOP into part of a conversation: a correction or a follow-up. */
const CORRECTION =
  /\b(?:i meant|meant to|wait|hold on|typo|typed|actually|instead|not that|never ?mind|go back|wrong (?:vin|day|date|time|one|car|model|truck|address|spot))\b/;

/** Lower case, accents and emoji gone, apostrophes straightened: "¡No Más! 🙄" → "no mas". */
export function foldConsentText(text: string): string {
  return plainLower(text)
    .replace(/\bopt-out\b/g, "opt out")
    .replace(/[^\p{L}\p{N}'\s.,;:!?¿¡#$%&/()-]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function clauses(folded: string): string[] {
  return folded
    .split(/[.,;:!?¿¡()]+|\s-\s/)
    .map((c) =>
      c
        .replace(/[^\p{L}\p{N}'\s]/gu, " ")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .filter(Boolean);
}

/** The keyword a clause is made of once fillers are set aside, if any. */
function bareKeyword(
  clause: string,
  keywords: (k: string) => boolean,
  fillers: ReadonlySet<string>,
): string | undefined {
  if (keywords(clause)) return clause;
  const core = clause
    .split(" ")
    .filter((w, i, words) => !fillers.has(w) && w !== words[i - 1]) // "STOP STOP STOP" is one STOP
    .join(" ");
  return core && keywords(core) ? core : undefined;
}

const isOptOutKeyword = (k: string) => PROVIDER_OPTOUT.has(k) || OTHER_OPTOUT.has(k);

function leadingKeyword(clause: string): string | undefined {
  const m = /^(stop|stopall|unsubscribe|optout)\s+(.+)$/.exec(clause);
  return m && COMPANION.test(m[2]!) ? m[1] : undefined;
}
const isStrong = (k: string) => STRONG_OPTOUT.has(k);

function classifyKeywords(text: string, folded: string): ConsentClassification | undefined {
  const exact = text.trim().toLowerCase();
  if (PROVIDER_OPTOUT.has(exact)) return { kind: "optout", matched: exact, by: "keyword" };
  if (OPTIN.has(exact)) return { kind: "optin", matched: exact, by: "keyword" };
  if (HELP.has(exact)) return { kind: "help", matched: exact, by: "keyword" };

  const parts = clauses(folded);
  if (parts.length === 0) return undefined;
  const joined = parts.join(" ");
  // A single keyword with punctuation or courtesy around it: "STOP!!", "stop pls", "END.".
  const whole = bareKeyword(joined, isStrong, FILLER) ?? bareKeyword(joined, isOptOutKeyword, COURTESY);
  if (whole) return { kind: "optout", matched: whole, by: "phrase" };
  for (const [set, kind] of [
    [OPTIN, "optin"],
    [ANY_HELP, "help"],
  ] as const) {
    const k = bareKeyword(joined, (w) => set.has(w), COURTESY);
    if (k) return { kind, matched: k, by: "phrase" };
  }
  // A strong keyword as its own clause, the rest courtesy or emphasis: "Stop. Thank you",
  // "STOP ✋ seriously", "stop it, i do not care!!!". Other content ("wait stop, wrong VIN") is not.
  // "STOP this is my work phone": a keyword that opens a clause giving a reason.
  const strong = parts.map((c) => bareKeyword(c, isStrong, FILLER) ?? leadingKeyword(c));
  const at = strong.findIndex(Boolean);
  if (at < 0) return undefined;
  const others = parts.filter((_, i) => !strong[i]);
  if (others.some((c) => CORRECTION.test(c) && !COMPANION.test(c))) return undefined;
  // Said last, STOP ends the conversation ("I didn't sign up for this, stop"); said first, it
  // stands only when the rest is a reason or emphasis ("Stop. Thank you", not "stop, too expensive").
  const last = strong[parts.length - 1];
  const restIsReason = others.every((c) => COMPANION.test(c) || c.split(" ").every((w) => FILLER.has(w)));
  return last || restIsReason ? { kind: "optout", matched: strong[at], by: "phrase" } : undefined;
}

export function classifyConsentText(text: string): ConsentClassification {
  const folded = foldConsentText(text);
  const keyword = classifyKeywords(text, folded);
  if (keyword) return keyword;
  const phrase = findRevocationPhrase(folded);
  if (phrase) return { kind: "optout", matched: phrase, by: "phrase" };
  return { kind: null };
}

/** True when the text withdraws consent to be texted. */
export function isOptOut(text: string): boolean {
  return classifyConsentText(text).kind === "optout";
}

/** What Baton sends after a revocation in plain words (keywords are confirmed by the provider), in the customer's language. */
export function describeOptOutConfirmation(dealershipName: string, language: Language = "en"): string {
  if (language === "es")
    return `Ya no recibirá mensajes de ${dealershipName}. Responda START para volver a suscribirse.`;
  return `You're unsubscribed from ${dealershipName} texts and won't get any more. Reply START to resubscribe.`;
}
