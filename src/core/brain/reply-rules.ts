/**
 * What an SMS from the assistant must never say, by kind. Patterns run on the plain lower-cased
 * reply (accents gone); commitments are in reply-check/commitment-words.ts, names in check-names.ts.
 */
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
  /\bsoy (?:una |un )?(?:persona|humano|humana|vendedor|vendedora|gerente|asesor|asesora|empleado|empleada)(?: real| de verdad)?\b/,
  /\bno soy (?:un |una )?(?:bot|robot|maquina|programa|computadora|asistente automatico|ia)\b/,
  /\b(?:real|live|actual) (?:person|human) here\b|\b(?:you'?re|you are) (?:talking|chatting|speaking|texting) (?:with|to) (?:a |an )?(?:sales|service|real|actual|live|human|person|rep|associate|advisor|manager|salesperson)/,
  /\b(?:habla|esta hablando|platica|esta platicando|le escribe) con (?:un|una) (?:asesor|asesora|vendedor|vendedora|persona|gerente|empleado|empleada)\b/,
  /\bi'?m (?:at|in|on|by|out on) (?:the )?(?:front desk|desk|lot|showroom|office|store|dealership|counter|service drive|floor)\b|\bi'?ll be (?:waiting|there|at the|by the|in the|out front)\b|\bask for me\b|\bpregunte por mi\b/,
  /\bi'?ve (?:worked|been working|been selling|sold cars) (?:here|at|for)\b|\bllevo (?:\w+ )?(?:anos|tiempo|meses) (?:trabajando|aqui|vendiendo)\b|\bmy (?:kids|wife|husband|family|son|daughter|own)\b|\bi (?:took|drove|drive|own|bought|test drove) (?:it|one|mine|the)\b/,
  /\bmy (?:manager|boss|sales manager|gm|general manager|coworker|co-worker|colleague|team lead|supervisor)\b|\bmi (?:gerente|jefe|jefa|companero|companera|supervisor)\b/,
  /\b(?:lo|la) espero\b|\byo (?:mismo|misma)\b|\b(?:let me|i'?ll|i will|i can) (?:walk|go|run|head|step) (?:out|over|down|back)\b/,
];

/** "Myself" is a person's word unless the assistant is saying what it cannot do. */
export const MYSELF = /\bmyself\b|\bpersonally\b/;
export const CANNOT = /\b(?:can'?t|cannot|not able|unable|don'?t|no puedo)\b/;

export const REVEAL: RegExp[] = [
  /\bsystem prompt\b|\bmy (?:instructions|prompt|rules|guidelines|programming|directives|system message)\b/,
  /\bi (?:was|am|'ve been|have been) (?:told|instructed|programmed|not allowed)\b|\bdeveloper mode\b/,
  /\b(?:openai|gpt-?\d\w*|chatgpt|language model|llm)\b/,
];

/** Says the vehicle is there to be had. */
export const OFFERS_VEHICLE =
  /\b(?:we have|we've got|we got|in stock|available|on (?:the|our) lot|is here|still there|ready for you|can get you)\b/;
export const NEGATION = /\b(?:don'?t|do not|no|not|isn'?t|aren'?t|can'?t|cannot|sold|pending|unavailable)\b/;
