import { foldText } from "./fold-text.js";

/**
 * Customer text that tries to steer the assistant instead of asking it something. The text
 * stays data: detection only decides that a person takes over and that nothing is echoed.
 */
export type InjectionKind = "override" | "role" | "reveal" | "dictate" | "markup" | "staff_claim";

export interface InjectionFinding {
  kinds: InjectionKind[];
  /** Words the text wants repeated ('approved', "Deal accepted at $1"): never echo them. */
  quoted: string[];
}

const RULES: [InjectionKind, RegExp][] = [
  [
    "override",
    /\b(?:ignore|disregard|forget|bypass|override)\s+(?:all\s+|any\s+|the\s+|your\s+|my\s+)?(?:previous\s+|prior\s+|above\s+|earlier\s+|original\s+)?(?:instructions|rules|prompts?|guidelines|guardrails|restrictions|programming|policies|training)\b/,
  ],
  [
    "override",
    /\b(?:new|updated) (?:rule|instruction|policy|directive)s?\b.*\b(?:always|never|must|from now on|acknowledge)\b|\bfrom now on,? (?:you|always|only|never)\b/,
  ],
  [
    "override",
    /\b(?:developer|dev|debug|god|admin|jailbreak|unrestricted) mode\b|\bguardrails? (?:are |is )?(?:off|disabled)\b|\bjailbreak\b|\bdan mode\b/,
  ],
  ["override", /(?:^|\n|\s)(?:system|assistant|developer)\s*:\s/],
  ["override", /\b(?:nobody|no one) will know\b|\bjust this once\b/],
  [
    "role",
    /\byou(?: are|'re) (?:now|no longer) (?:a|an|my|called|named|playing|acting|\w+bot)\b|\byou(?: are|'re) now \w+,? (?:a|an|the)\b|\b(?:pretend|imagine) (?:you(?:'re| are)|to be|that you)\b|\bact as (?:a|an|my|if)\b|\broleplay\b|\brole-play\b|\bplay the role\b/,
  ],
  [
    "reveal",
    /\b(?:system|initial|original|hidden|secret) (?:prompt|instructions|message)\b|\b(?:paste|print|show|reveal|tell me|share|repeat|what are|list) (?:me )?your (?:instructions|prompt|rules|guidelines|programming|directives)\b/,
  ],
  [
    "reveal",
    /\b(?:print|repeat|show|paste|output|reveal|display|tell me) (?:me )?(?:the |all )?(?:text|words|message|everything|instructions) (?:above|before)\b|\bverbatim\b|\bwhat (?:were|are) you (?:told|instructed|programmed|not allowed)\b/,
  ],
  [
    "dictate",
    /\b(?:respond|reply|answer)\s+(?:only|just)\s+with\b|\b(?:respond|reply|output|print|say|type|write)\s+(?:only|exactly|just)\s+(?:with\s+)?(?:the\s+word\s+|["'])/,
  ],
  [
    "dictate",
    /\b(?:output|print|return) exactly\b|\brepeat after me\b|\bsay (?:this|these words|the following|exactly)\b|\bsay\s*:|\bsay\s+["']/,
  ],
  [
    "dictate",
    /\btype\s+["']?\w+["']?\s+(?:to|if)\s+(?:confirm|agree|accept)\b|\btype\s+(?:confirmed|yes|deal|agreed|approved)\b/,
  ],
  [
    "dictate",
    /\b(?:just|only)\s+(?:need\s+a|say|reply|answer|respond(?:\s+with)?|type|text)\s+(?:a\s+)?(?:yes|deal|approved|confirmed|agreed|ok)\b|\byes or no only\b|\bjust (?:agree|say yes|say it|say that|say you|confirm|accept)\b|\bplease just agree\b/,
  ],
  ["dictate", /\blegally binding\b|\btakesies\b|\bbacksies\b/],
  [
    "dictate",
    /\b(?:say|tell me|admit|claim|confirm) (?:that )?(?:you'?re|you are) (?:a |an )?(?:real |actual )?(?:human|person|named)\b|\bsign (?:your|the|this|the next) (?:next )?(?:message|text|reply)\b/,
  ],
  ["dictate", /\btranslate\b[^"']*["'].{6,}["']/],
  [
    "markup",
    /<\/?\s*(?:customer|system|dealer[_ ]?note|assistant|instructions?|admin|user)\b[^>]*>|\[(?:system|admin|instructions?)\]|#{2,}\s*(?:system|instruction)/,
  ],
  [
    "staff_claim",
    /\b(?:tell|text|inform|let|notify)\s+(?:this|the|that)\s+customer\b|\bconfirm it to (?:them|the customer)\b/,
  ],
  [
    "staff_claim",
    /\b(?:mark|set|flag|note|update)\s+(?:my|the|this|his|her)\s+.{0,40}\b(?:approved|paid|covered|complete|done)\b(?:\s+in\s+the\s+system)?/,
  ],
];

const QUOTED = /["'“‘]([^"'“”‘’]{2,160})["'”’]/g;

/** Quoted payloads, ignoring apostrophes inside words ("don't", "the dealer's"). */
function findQuoted(text: string): string[] {
  const spaced = text.replace(/(\w)'(\w)/g, "$1\u0000$2");
  return [...spaced.matchAll(QUOTED)].map((m) => m[1]!.replace(/\u0000/g, "'").trim()).filter((q) => q.length >= 2);
}

export function detectInjection(text: string): InjectionFinding | undefined {
  const folded = foldText(text);
  const kinds = [...new Set(RULES.filter(([, pattern]) => pattern.test(folded)).map(([kind]) => kind))];
  if (kinds.length === 0) return undefined;
  return { kinds, quoted: findQuoted(text) };
}
