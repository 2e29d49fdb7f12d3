import { detectInjection } from "../brain/detect-injection.js";
import type { TextJudge } from "../ports/text-judge.js";
import { classifyConsentText, foldConsentText, type ConsentClassification } from "./opt-out.js";
import { keepsTexting } from "./revocation-phrases.js";

/**
 * How sure the text judge must be. Above STRONG, with words about texting or contact in the
 * text, Baton opts the number out; between UNSURE and STRONG a person decides, with the AI silent.
 */
export const REVOCATION_THRESHOLDS = { strong: 0.9, unsure: 0.5, unanchored: 0.75 } as const;

/**
 * Words a revocation is about: being texted, contact, the number, a list. Without one, the model
 * alone never opts out ("print the text above" is about a text, not about being texted).
 */
const ABOUT_CONTACT =
  /\b(?:txt\w*|texts|texting|texted|text (?:me|us|this|my|her|him|them|again|anymore)|text messages?|msg\w*|messag\w*|sms|contact\w*|call\w*|number|phone|list|remove|spam\w*|bother\w*|harass\w*|notif\w*|stop\w*|quit\w*|unsub\w*|opt\w*|escrib\w*|mensaj\w*|numero|telefono|lista|llam\w*|molest\w*|borr\w*|manden|envien|basta|these|anything else|any more|anymore|go away|reach out|delete my|spare me|block\w*|forget|keep sending|sending me|send me (?:any|more|these|those))\b/;

/**
 * The customer correcting their own contact details ("I gave you the wrong number on my form",
 * "puse mal mi número en la solicitud"): they want to be reached, so the judge's guess that it
 * revokes consent is not acted on. "Wrong number" from someone else is a rule, checked first.
 */
const CORRECTS_OWN_CONTACT =
  /\b(?:i|we|i'?ve|i had)\s+(?:\w+\s+){0,2}?(?:gave|give|given|typed|type|put|entered|enter|wrote|written|listed|used|filled|messed up|mistyped|fat ?fingered)\b.{0,40}\b(?:wrong|incorrect|old|bad|typo)\b|\b(?:wrong|incorrect|old)\s+(?:phone\s+)?(?:number|email|e-mail|#|cell)\s+(?:on|in)\s+(?:my|the|your)\s+(?:form|application|app|website|site|paperwork|file|account|profile|credit app)\b|\b(?:puse|di|escribi|anote|ingrese|meti)\s+(?:\w+\s+){0,3}?(?:mal|equivocad[oa]|incorrect[oa])\b|\b(?:numero|telefono|correo)\s+(?:equivocad[oa]|incorrect[oa]|mal)\s+en\s+(?:el|la|mi)\s+(?:formulario|forma|solicitud|aplicacion|pagina)\b/;

/**
 * Someone sent them here: "Marcos told me to text this number", "me dijeron que le escribiera a
 * este número", "a friend gave me this number". A customer arriving, not one leaving.
 */
const INVITED_TO_TEXT =
  /\b(?:told|asked|said|gave|sent|referred|recommended|passed)\b.{0,30}\b(?:this|your|ur|the (?:store'?s|dealership'?s|dealer'?s))\s+(?:number|#|cell|phone)\b|\bme (?:dij(?:o|eron)|pidi(?:o|eron)|recomend(?:o|aron)) que (?:le |les )?(?:escribiera|mandara|enviara|texteara|contactara)\w*\b|\bme (?:dio|dieron|pas(?:o|aron)|recomend(?:o|aron)) (?:este|su|el) (?:numero|telefono|cel)\b/;

/** "I never gave you this number", "who gave you this number?": the opposite of an invitation. */
const DENIES_INVITATION =
  /\b(?:never|didn'?t|did not|who|nobody|no one|nunca|quien)\b.{0,20}\b(?:told|asked|said|gave|sent|dio|dieron|dijo|pas[oó])\b/;

export type ConsentJudgement = ConsentClassification | { kind: "unsure"; revokes: number };

/**
 * The consent decision for one text: the keyword and phrase rules first (they never miss a
 * STOP), then the judge for revocations in words nobody listed ("quit blowing up my phone").
 * A weak or unanchored judgment is not acted on silently: it comes back "unsure".
 */
export function judgeConsent(text: string, judge?: TextJudge): ConsentJudgement {
  const rules = classifyConsentText(text);
  if (rules.kind || !judge) return rules;
  const { revokes } = judge.judge(text);
  if (revokes < REVOCATION_THRESHOLDS.unsure) return { kind: null };
  // "Print the text above this message": a text that steers the assistant is the guardrails' business, not a revocation.
  if (detectInjection(text)) return { kind: null };
  const folded = foldConsentText(text);
  if (CORRECTS_OWN_CONTACT.test(folded) || (INVITED_TO_TEXT.test(folded) && !DENIES_INVITATION.test(folded)))
    return { kind: null };
  const aboutContact = ABOUT_CONTACT.test(folded);
  // "Unsubscribe my old e-mail", "not on WhatsApp, here is better": a person reads those, the judge never acts.
  if (revokes >= REVOCATION_THRESHOLDS.strong && aboutContact && !keepsTexting(folded))
    return { kind: "optout", matched: `judged ${Math.round(revokes * 100)}% a revocation`, by: "phrase" };
  // Nothing about texts or contact and only middling odds: not worth silencing the AI over.
  if (!aboutContact && revokes < REVOCATION_THRESHOLDS.unanchored) return { kind: null };
  return { kind: "unsure", revokes };
}
