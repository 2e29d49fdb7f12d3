import { findVehicleMentions } from "./find-vehicle-mentions.js";
import { foldText } from "./fold-text.js";

/** Why the text asks for a person: a plain ask, a bot check, a callback, or a named employee. */
export type HumanRequestKind = "person" | "bot_check" | "callback" | "named_employee";

export interface HumanRequest {
  kind: HumanRequestKind;
  matched: string;
}

const ROLE =
  "(?:person|humans?(?: being)?|rep|representative|agent|manager|supervisor|boss|owner|gm|general manager|sales ?(?:man|person|rep|guy|manager)|service (?:manager|advisor|writer)|advisor|finance (?:manager|guy|person)|employee|team member|operator)";
const ADJECTIVES =
  "(?:(?:a|an|some|one|the|your|another|a different|my)\\s+)?(?:(?:real|actual|live|human|proper|different|other|flesh and blood)\\s+)?";
/** Anyone at the store, for "talk to …"; after "get me …" only a role counts ("get someone to fix it" is no ask). */
const PERSON = `${ADJECTIVES}(?:${ROLE}|somebody|someone|people|staff|owner)\\b`;
const PERSON_STRICT = `${ADJECTIVES}${ROLE}\\b`;

/** Spanish roles: "el gerente de servicio", "la encargada", "un supervisor", "alguien", "una persona real". */
const SPANISH_ROLE =
  "(?:gerente|manager|encargad[oa]|supervisor(?:a)?|asesor(?:a)?|jefe|jefa|duen[oa]|representante|agente|vendedor(?:a)?|ejecutiv[oa])";
const SPANISH_PERSON = `(?:(?:el|la|los|las|un|una|su|sus|algun|alguna|otro|otra)\\s+)?(?:(?:verdader[oa]|real)\\s+)?(?:${SPANISH_ROLE}|persona|humano|alguien)\\b`;

const PERSON_ASKS: RegExp[] = [
  new RegExp(`\\b(?:talk|speak|chat|text|deal|connect|be connected)\\s+(?:to|with)\\s+${PERSON}`),
  new RegExp(
    `\\b(?:get|give|find|send|transfer|put|want|need|see|bring)\\s+(?:me\\s+)?(?:through\\s+to\\s+|to\\s+|in touch with\\s+)?${PERSON_STRICT}`,
  ),
  new RegExp(`\\bhand\\s+(?:this|me|it|the|a|our)?\\s*(?:conversation|chat|convo)?\\s*(?:over\\s+)?to\\s+${PERSON}`),
  new RegExp(`\\b(?:put|get)\\s+me\\s+in\\s+touch\\s+with\\s+${PERSON}`),
  /\b(?:need|want)\s+(?:someone|somebody|a person)\s+to\s+(?:help|talk|call|contact|explain|answer|text)\b/,
  /\b(?:can|could)\s+(?:someone|somebody)\s+(?:else\s+)?(?:help|call|text|contact|explain|get back)\b/,
  new RegExp(
    `\\b(?:can|could|will|would)\\s+${PERSON_STRICT}\\s+(?:please\\s+)?(?:text|call|contact|get back|help|respond|reply|answer)\\b`,
  ),
  /\b(?:can|could|is there|need|want|get me)\s+someone else\b/,
  /\bis there (?:a|an|any|some) (?:real |actual |live )?(?:human|person|someone|somebody|rep|agent|representative)\b/,
  /\bconnect me (?:to|with)\b|\btransfer me\b|\bput me through\b|\bget (?:\w+ ){1,2}on the (?:phone|line)\b/,
  /\b(?:whoever|someone|the person|somebody|anyone) (?:who'?s |who is |is )?in charge\b|\bsomeone higher up\b/,
  /\b(?:someone|somebody|a person)\s+(?:from|in|at)\s+(?:customer (?:care|service)|management|corporate|the office)\b/,
  /\bis (?:there )?(?:anyone|anybody|someone|somebody) (?:actually |real |even )?(?:there|working|real|alive|available|home)\b/,
  /\b(?:manager|supervisor|a human|real person|live person|live agent)\s*(?:please|now|asap)?\s*[!?.]*$/,
  /^(?:\w+\s+){0,2}(?:a\s+|an\s+)?(?:human|person|agent|representative|operator|manager|supervisor|someone real)\s*(?:please|now|asap)?[\s!?.]*$/,
  new RegExp(
    `\\b(?:hablar|platicar|comunicarme|comunicarse|contactar|me\\s+(?:(?:puede|pueden|puedes|podria|podrian)\\s+)?(?:pasa|pasan|pase|pasar|comunica|comunican|comunicar|conecta|conectan|conectar))\\s+con\\s+${SPANISH_PERSON}`,
  ),
  new RegExp(`\\b(?:pasame|paseme|pasenme|comunicame|comuniqueme|comuniquenme)\\s+(?:con\\s+)?${SPANISH_PERSON}`),
  new RegExp(
    `\\b(?:necesito|quiero|quisiera|busco)\\s+(?:a\\s+|al\\s+)?(?:(?:un|una|el|la|su)\\s+)?${SPANISH_ROLE}\\b`,
  ),
  /\b(?:que|puede|pueden|podria|podrian)\s+(?:alguien\s+|el \w+\s+|la \w+\s+)?me\s+(?:llame|llamen|marque|marquen|hable|hablen)\b|\b(?:puede|pueden|podria|podrian)\s+(?:alguien\s+)?llamarme\b|\bllam(?:e|a|en)me\b/,
];

const BOT_CHECKS: RegExp[] = [
  /\bare you (?:a |an )?(?:bot|robot|human|real|person|ai|machine|automated|computer|live|actual)\b/,
  /\b(?:is|was) (?:this|that|it) (?:a |an )?(?:bot|robot|real person|human|automated|ai|machine|computer|live person|actual person)\b/,
  /\bam i (?:talking|texting|chatting|speaking|messaging) (?:to |with )?(?:a |an )?(?:bot|robot|real|human|person|machine|computer|ai|actual)\b/,
  /\b(?:bot|robot|automated|canned) (?:answers|replies|responses|messages)\b/,
  /\b(?:automated|bot|robot|ai|computer|machine|auto ?reply|canned)\b.{0,30}\b(?:annoying|useless|stupid|dumb|not helping|doesn'?t help|pointless|hate)\b|\b(?:hate|annoying|stupid|dumb|useless)\b.{0,20}\b(?:bots?|robots?|automated|computers?|ai)\b|\bis this (?:an? )?automated\b/,
  /\b(?:don'?t|do not) want (?:to (?:talk|text|chat|deal) (?:to|with) )?(?:a |an |the |some )?(?:machine|bot|robot|computer|ai|automated)\b|\binstead of (?:a |the )?(?:machine|bot|robot|computer)\b|\bno more (?:bots?|robots?|automated)\b/,
  /\b(?:hablo|estoy hablando) con (?:una |un )?(?:persona|humano|robot|maquina)\b|\bes (?:un )?robot\b|\beres (?:un )?(?:robot|humano|persona)\b/,
];

const CALLBACKS: RegExp[] = [
  /\b(?:have|get|can|could|ask|need|want)\s+(?:someone|somebody|a person|a rep|a manager|him|her|them|you)\s+(?:to\s+)?(?:call|phone|ring)\s+me\b/,
  /\bgive me a (?:call|ring)\b|\bcan i get a call\b/,
  /\b(?:someone|somebody|a person|a manager|you) (?:needs? to|should|has to|must|better) (?:call|text|contact|reach out to|get back to|get ahold of) me\b/,
  /\b(?:have|get|ask|tell)\s+(?:\w+\s+){1,4}(?:to\s+)?(?:call|text|phone|contact|reach out to|get back to|get in touch with)\s+me\b|\b(?:have|get|ask|tell)\s+(?:the|your|a)\s+(?:\w+\s+)?(?:manager|gm|owner|supervisor|advisor)\s+(?:to\s+)?(?:reach out|call|text|get in touch)\b/,
  /(?:^|[.!?,]\s*|\b(?:please|just|pls)\s+)call me\b/,
  // "can mike from sales call me": a phone call is a person, whoever is named (names often arrive in lower case).
  /\b(?:can|could|will|would)\s+(?:\w+\s+){1,4}(?:call|phone|ring)\s+me\b/,
];

const NAME = "([A-Z][a-z]{2,}(?: [A-Z][a-z]+)?)";
const NOT_NAMES = new Set([
  "You",
  "Your",
  "Someone",
  "Somebody",
  "Anyone",
  "Sales",
  "Service",
  "Parts",
  "Finance",
  "The",
  "Him",
  "Her",
  "Them",
  "Us",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
  "Today",
  "Tomorrow",
  "This",
  "That",
  "It",
]);

function isName(candidate: string | undefined): boolean {
  if (!candidate) return true;
  return !NOT_NAMES.has(candidate.split(" ")[0]!) && findVehicleMentions(candidate).length === 0;
}
/** Case-sensitive: a capitalised name after "talk to", "is … there", "have … call me". */
const NAMED: RegExp[] = [
  new RegExp(`\\b(?:[Tt]alk|[Ss]peak|[Cc]hat)\\s+(?:to|with)\\s+${NAME}`),
  new RegExp(`\\b(?:[Ii]s|[Ww]here'?s)\\s+${NAME}\\s+(?:there|in|around|available|working|on today)\\b`),
  new RegExp(`\\b(?:[Hh]ave|[Tt]ell|[Aa]sk)\\s+${NAME}\\s+(?:to\\s+)?(?:call|text|contact|reach out)`),
  new RegExp(
    `\\b(?:[Cc]an|[Cc]ould|[Ww]ill|[Ww]ould)\\s+${NAME}\\s+(?:(?:from|in|at)\\s+\\w+\\s+)?(?:please\\s+)?(?:call|text|contact|reach out|get back)`,
  ),
  new RegExp(
    `\\b[Mm]y (?:sales ?(?:man|person|rep|guy)|advisor|service advisor|rep)\\s+${NAME}?\\s*(?:is not|isn'?t|isnt|never|won'?t|hasn'?t|doesn'?t|not)\\b`,
  ),
  // "¿Se encuentra Marcos?", "¿Está Karla hoy?", "dígale a Rosa que me llame"
  new RegExp(
    `\\b(?:[Ss]e encuentra|[Ee]st[aá]|[Aa]nda)\\s+${NAME}\\s*(?:\\?|por ah[ií]|ah[ií]|hoy|disponible|trabajando)`,
  ),
  new RegExp(
    `\\b(?:[Pp]uede|[Pp]odr[ií]a|[Dd][ií]gale a|[Dd]ile a|[Pp][ií]dale a)\\s+${NAME}\\s+(?:que\\s+)?(?:me\\s+)?(?:escrib|llam|mand|contest|marqu)`,
  ),
];

/** "¿Me puede escribir ella directamente?", "can she text me directly": the employee the text just named. */
const NAMED_BY_PRONOUN =
  /\bme (?:puede|podria|pueden)\s+(?:escribir|llamar|contestar|marcar)\s+(?:ella|el)\b|\bque me (?:escriba|llame|conteste|marque) (?:ella|el) (?:directamente|mismo|misma)\b|\bcan (?:she|he) (?:text|call|reach|contact) me (?:directly|herself|himself)\b/;

/** "I don't need a manager" is no ask; nor is "no quiero hablar con el gerente". */
const NEGATED =
  /\b(?:don't|do not|didn't|never|no need to|not)\s+(?:\w+\s+){0,1}$|\bno\s+(?:(?:quiero|necesito|quisiera|hace falta|tengo que)\s+)?$/;

function firstHit(patterns: RegExp[], text: string): string | undefined {
  for (const pattern of patterns) {
    const m = pattern.exec(text);
    if (m && !NEGATED.test(text.slice(0, m.index))) return m[0];
  }
  return undefined;
}

/** An explicit ask for a person, decided by code so no model can talk its way past it. */
export function detectHumanRequest(text: string): HumanRequest | undefined {
  const folded = foldText(text);
  const negatedCall = /\b(?:don't|do not|never|stop|no need to)\s+call me\b/.test(folded);
  const bot = firstHit(BOT_CHECKS, folded);
  if (bot) return { kind: "bot_check", matched: bot };
  const person = firstHit(PERSON_ASKS, folded);
  if (person) return { kind: "person", matched: person };
  const callback = negatedCall ? undefined : firstHit(CALLBACKS, folded);
  if (callback) return { kind: "callback", matched: callback };
  for (const pattern of NAMED) {
    const m = pattern.exec(text);
    if (m && isName(m[1])) return { kind: "named_employee", matched: m[0] };
  }
  const pronoun = NAMED_BY_PRONOUN.exec(folded);
  if (pronoun) return { kind: "named_employee", matched: pronoun[0] };
  return undefined;
}
