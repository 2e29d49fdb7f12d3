/**
 * What an SMS from the assistant must never say, by kind. Patterns run on the lower-cased
 * reply (persona names are checked case-sensitively in check-reply.ts).
 */
export type ReplyRule = "money" | "commitment" | "promise" | "persona" | "reveal" | "echo" | "unknown_vehicle";

export const COMMITMENT: RegExp[] = [
  /\bdeal\b/,
  /\b(?:agreed|i agree|we agree|we can agree|agreement)\b/,
  /\b(?:pre-?)?approved\b|\bapprov(?:e|al)\b|\bpre-?qualified\b|\byou(?:'ll| will)? qualify\b/,
  /\blegally binding\b|\bbinding\b|\btakesies\b|\bbacksies\b/,
  /\bguarantee[ds]?\b|\bpromise[ds]?\b/,
  /\b(?:we|i)(?:'ll| will| can| could| would)? honou?r\b/,
  /\bit'?s yours\b|\bis yours\b|\byou'?ve got yourself\b|\bsold to you\b/,
  /\b(?:we|i)(?:'ll| will| can| could| would)? (?:match|beat|accept|waive|knock|lower|sell (?:it|you|the))\b/,
  /\b(?:we|i)(?:'ll| will| can| could| would)? (?:do|take|give you|offer you|throw in)\s+(?:it|that|this)?\s*(?:for|at)?\s*(?:\$|\d)/,
  /\bconfirmed\b/,
  /\b(?:final|lowest|best|bottom|rock bottom) (?:price|number|offer)\b/,
  /\bout[- ]the[- ]door\b|\botd\b/,
  /\binvoice\b|\bdealer cost\b|\bwholesale\b/,
  /\bno (?:dealer )?(?:fees|markup|mark-up|market adjustment|add-?ons|haggle)\b/,
  /\bdiscount(?:ed|s)?\b|\brebates?\b|\bincentives?\b|\d+\s?% off\b|\boff (?:msrp|sticker|the price)\b/,
  /\bfree (?:oil|maintenance|service|tires|upgrade|floor mats|mats|accessor|car wash|for life)/,
  /\b(?:worth|value of|trade(?:-in)? value|pay you|offer you)\s+(?:about |around |roughly |up to |at least )?\$?\d/,
];

export const PROMISE: RegExp[] = [
  /\b(?:is|are|will be|would be|should be|it'?s|that'?s|isn'?t|aren'?t|not|be) (?:fully |definitely |still )?covered\b|\bcovered (?:under|by)\b/,
  /\b(?:ready|done|finished|fixed|delivered|completed|repaired) (?:by|at|before) (?:\d|noon|tonight|today|tomorrow|end of|mon|tue|wed|thu|fri|sat|sun)/,
  /\bwill (?:definitely |surely |certainly )?be (?:ready|done|finished|fixed|repaired)\b/,
  /\bin writing\b/,
  /\b(?:no problem|no issue|no trouble) (?:with|getting) (?:your )?(?:credit|financing|a loan|approved)\b/,
];

export const PERSONA: RegExp[] = [
  /\b(?:i'?m|i am) (?:a |an )?(?:real |actual |live )?(?:person|human|human being|salesman|salesperson|sales manager|manager|employee|rep|representative|advisor)\b/,
  /\bnot (?:a |an )?(?:bot|robot|ai|machine|computer|automated)\b/,
  /\b(?:yes|yep|yeah),? (?:i'?m|i am) (?:real|human|a person)\b/,
];

export const REVEAL: RegExp[] = [
  /\bsystem prompt\b|\bmy (?:instructions|prompt|rules|guidelines|programming|directives|system message)\b/,
  /\bi (?:was|am|'ve been|have been) (?:told|instructed|programmed|not allowed)\b|\bdeveloper mode\b/,
  /\b(?:openai|gpt-?\d\w*|chatgpt|language model|llm)\b/,
];

/** Says the vehicle is there to be had. */
export const OFFERS_VEHICLE = /\b(?:we have|we've got|we got|in stock|available|on (?:the|our) lot|is here|still there|ready for you|can get you)\b/;
export const NEGATION = /\b(?:don'?t|do not|no|not|isn'?t|aren'?t|can'?t|cannot|sold|pending|unavailable)\b/;
