import { plainLower } from "../language/plain-lower.js";

/**
 * Replies that tell the customer a person will act: "a teammate will text you", "I've passed
 * that to service", "our parts team will check and text you back", and their Spanish forms.
 * Such a reply is only honest when a person is really told, so the guard turns it into a handoff.
 */
const PROMISES = [
  /\b(?:a|our|the|one of our)\s+(?:[\w-]+\s+){0,3}(?:team|teammate|person|advisor|manager|rep|representative|specialist|someone)\b[^.!?]{0,60}\b(?:will|'ll|is going to|are going to)\s+(?:\w+\s+){0,3}(?:text|call|contact|reach out|follow up|get back|check|look|confirm|set|reply|be in touch)\b/i,
  /\b(?:someone|somebody|a person|they|he|she)\s*(?:will|'ll)\s+(?:\w+\s+){0,3}(?:text|call|contact|reach out|follow up|get back|reply|be in touch)\b/i,
  /\bi(?:'ve| have)\s+(?:passed|sent|forwarded|flagged|shared|handed)\b/i,
  // Spanish, matched without accents: "le escribirá", "se comunicarán", "pasé su solicitud".
  /\b(?:le|te|les)\s+(?:escribiran?|llamaran?|contactaran?|responderan?|avisaran?|confirmaran?)\b/i,
  /\b(?:se\s+)?(?:comunicaran?|pondran?\s+en\s+contacto)\b/i,
  /\b(?:pase|envie|mande)\s+(?:su|tu|la|el)\b/i,
];

export function promisesPerson(reply: string): boolean {
  const plain = plainLower(reply);
  return PROMISES.some((p) => p.test(plain));
}
