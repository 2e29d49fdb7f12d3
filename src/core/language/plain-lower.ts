/**
 * Lower case, accents gone, curly apostrophes straightened: "¿Cuánto Está?" → "¿cuanto esta?",
 * "don’t" → "don't". The first step of every reading of a customer's text, so rules and the
 * judge see "credito" whether the customer typed "crédito" or not.
 */
export function plainLower(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[’‘`´]/g, "'");
}
