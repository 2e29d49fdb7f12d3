import { plainLower } from "../../../core/language/plain-lower.js";

/**
 * Puts a customer's text into one predictable form before any rule reads it: lower case, no
 * accents, straight apostrophes, SMS shorthand and frequent misspellings spelt out, mood emoji
 * turned into words. Rules then match "appointment", never "appt"/"apt"/"appointmnet".
 */
const EMOJI: [RegExp, string][] = [
  [/[😤😡🤬👿💢😠]/gu, " angryface "],
  [/🙄/gu, " eyeroll "],
  [/👏/gu, " clap "],
  [/[😂🤣😆😅]/gu, " lol "],
  [/🙏/gu, " please "],
  [/[👍👌]/gu, " ok "],
];

/** Whole-word replacements, applied in order. */
const WORDS: [RegExp, string][] = [
  [/\bu\b/g, "you"],
  [/\bur\b/g, "your"],
  [/\br\b/g, "are"],
  [/\by'?all\b/g, "you all"],
  [/\b(?:pls|plz|plse|pleas)\b/g, "please"],
  [/\b(?:thx|thnx|thanx|ty|tyvm)\b/g, "thanks"],
  [/\b(?:tmrw|tmr|tmrow|tmw|tomoro|tomorow|tommorow|tommorrow|tomorro|2morrow|2moro)\b/g, "tomorrow"],
  [/\b(?:tnite|tonite|2nite)\b/g, "tonight"],
  [/\b2day\b/g, "today"],
  [/\bb4\b/g, "before"],
  [/\b(?:appts?|apt|appointmnet|apointment|appoitment|appoinment|appt's)\b/g, "appointment"],
  [/\b(?:svc|servce|sevice)\b/g, "service"],
  [/\botd\b/g, "out the door"],
  [/\bw\/o\b/g, "without"],
  [/\bw\//g, "with "],
  [/\bw\b(?= (?:a|an|the|my|\d))/g, "with"],
  [/\b(?:bc|b\/c|cuz|coz)\b/g, "because"],
  [/\brn\b/g, "right now"],
  [/\bwanna\b/g, "want to"],
  [/\bgonna\b/g, "going to"],
  [/\bgotta\b/g, "got to"],
  [/\bgimme\b/g, "give me"],
  [/\blemme\b/g, "let me"],
  [/\b(do|does|is|are|was|were|can|could|would|should|have|has|did|wo|ca)nt\b/g, "$1n't"],
  [/\bim\b/g, "i'm"],
  [/\bive\b/g, "i've"],
  [/\bid\b(?= (?:like|love|want|need|prefer))/g, "i'd"],
  [/\bwhats\b/g, "what's"],
  [/\bwheres\b/g, "where's"],
  [/\bhows\b/g, "how's"],
  [/\bthats\b/g, "that's"],
  [/\bits\b/g, "it's"],
  [/\bhrs?\b/g, "hours"],
  [/\bmins?\b/g, "minutes"],
  [/\bwks?\b/g, "weeks"],
  [/\byrs?\b/g, "years"],
  [/\b(?:msgs?)\b/g, "message"],
  [/\btxts?\b/g, "text"],
  [/\bdept\b/g, "department"],
  [/\bmgr\b/g, "manager"],
  [/\b(?:pmt|pymt|pymnt)s?\b/g, "payment"],
  [/\bmo\b/g, "month"],
  [/\/mo\b/g, " per month"],
  [/\b(?:intetest|intrest|interst|intrest)\b/g, "interest"],
  [/\b(?:finacing|financeing|fiancing|finanicng)\b/g, "financing"],
  [/\b(?:warrenty|waranty|warrantee|warrenties)\b/g, "warranty"],
  [/\b(?:schedual|shedule|scedule)\b/g, "schedule"],
  [/\b(?:maintanence|maintainance|maintenence|maintance)\b/g, "maintenance"],
  [/\btransmision\b/g, "transmission"],
  [/\bbreaks\b(?= (?:making|squeal|squeak|grind|are|feel|pads?|job))/g, "brakes"],
  [/\bbreak (?=pads?|job|light|fluid|rotors?)/g, "brake "],
  [/\btyres?\b/g, "tires"],
  [/\bprolly\b/g, "probably"],
  [/\bveh\b/g, "vehicle"],
  [/\bsalesman\b/g, "sales man"],
  [/\b(\d+)\s?k\s?mi\b/g, "$1k miles"],
  [/\bmi\b(?= (?:on|left))/g, "miles"],
];

export function normaliseText(text: string): string {
  let out = text;
  for (const [pattern, word] of EMOJI) out = out.replace(pattern, word);
  out = plainLower(out)
    .replace(/[“”]/g, '"')
    .replace(/&/g, " and ")
    .replace(/[^\p{L}\p{N}\s'".,;:!?$%#/@+\-()]/gu, " ");
  for (const [pattern, word] of WORDS) out = out.replace(pattern, word);
  return out.replace(/\s+/g, " ").trim();
}
