import type { Department } from "../ports/brain.js";
import { foldText } from "./fold-text.js";

const CUES: [Exclude<Department, "general">, RegExp][] = [
  [
    "sales",
    /\b(?:sales ?(?:man|person|rep|guy|manager|team|department|dept)?|salesman|test drive|buy(?:ing)?|purchase|trade|ventas|vendedor(?:a)?|comprar)\b/g,
  ],
  [
    "service",
    /\b(?:service|advisor|mechanic|tech|technician|repairs?|fixed|transmission|brakes?|oil change|appointment|recall|warranty|ro|shop|engine|my car|my truck|servicio|taller|mecanico|reparacion|asesor(?:a)? de servicio|cita|garantia|mi (?:carro|coche|auto|camioneta|troca))\b/g,
  ],
  ["parts", /\b(?:parts?|parts counter|accessor(?:y|ies)|piezas|refacciones|repuestos?|partes|accesorios)\b/g],
  [
    "finance",
    /\b(?:finance|financing|f&i|loan|lease|credit|payment|bank|business office|financiamiento|finanzas|credito|prestamo|pagos?)\b/g,
  ],
];

/**
 * The department a text names, for decisions made before any brain runs ("let me talk to
 * Mike in sales" goes to sales). General when nothing is named.
 */
export function guessDepartment(text: string): Department {
  const folded = foldText(text);
  let best: Department = "general";
  let bestCount = 0;
  for (const [department, pattern] of CUES) {
    const count = folded.match(pattern)?.length ?? 0;
    if (count > bestCount) [best, bestCount] = [department, count];
  }
  return best;
}
