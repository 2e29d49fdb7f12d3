/**
 * Money, credit, trade and warranty are for people. A reply may raise them only to ask the
 * customer something, to hand them to a person, or to repeat a listed price; any other
 * sentence about them is a statement the store has not made, however it is worded. This is the
 * rule that catches what no list of phrasings can ("your payment lands right where you wanted").
 * Patterns run on plain lower case.
 */
const TOPIC = new RegExp(
  [
    String.raw`pric\w*|costs?|pay|paying|payments?|paid|monthly|per month|a month|financing|financed|financial|finance (?:it|a|the|your|this|that)|loans?|leas\w*|credit|apr|rates?|interest|down payment|downpayment|terms`,
    String.raw`trade|trades|traded|trade-in|trading|apprais\w*|value|valued|worth|equity|payoff|warrant\w*|coverage|deals?|discount\w*|rebates?|incentives?|fees?`,
    String.raw`(?<!phone |stock |vin |part |order |tracking )numbers|dollars?|budget|msrp|sticker|otd|tax|taxes|cash back|savings?|cheaper|afford\w*|bill|invoice|quote\w*|estimate\w*`,
    String.raw`precios?|costos?|cuesta|cuestan|pago\w*|paga\w*|pagu\w*|mensualidad\w*|mensual\w*|al mes|financia\w*|credito|prestamo|arrendamiento|tasa|interes\w*|ofrec\w*`,
    String.raw`enganche|intercambio|a cuenta|avaluo|valor|garantia\w*|cobertura|trato|descuentos?|presupuesto|impuestos?|cotiza\w*|factura`,
  ].join("|"),
);
const TOPIC_WORD = new RegExp(String.raw`\b(?:${TOPIC.source})\b`);

/** "Finance" naming the department, not the subject: "finance hours", "equipo de finanzas". */
const DEPARTMENT_NAME =
  /\bfinance (?:hours|team|department|office|manager|desk|staff|specialist|people)\b|\b(?:equipo|departamento|area|oficina|gerente) de (?:finanzas|financiamiento)\b/g;

/** Says a person will take it up, or that the assistant cannot: a deferral, not a claim. */
const DEFERS: RegExp[] = [
  /\b(?:team|teammate|person|someone|somebody|manager|specialist|advisor|adviser|rep|representative|salesperson|consultant|staff|people|department|office|desk|folks|they)\b.*\b(?:will|can|could|would|'ll|is going to|are going to|happy to|glad to|able to|best placed|the ones?|handles?|takes care of|answers|looks after|deals with)\b/,
  /\b(?:is|are) the (?:best |right )?(?:person|people|team|ones?) (?:to|for)\b|\bthat'?s (?:one|something|a question|a conversation) for\b|\b(?:handled|answered|taken care of|looked after|gone over) by\b/,
  /\b(?:doesn'?t|does not|don'?t|do not|isn'?t|no) (?:have )?(?:a )?(?:listed|posted|published) price\b|\bno listed price\b|\bsin precio publicado\b/,
  /\b(?:las|los|lo|la) (?:atiende|atienden|ve|ven|revisa|revisan|maneja|manejan)\b/,
  /\b(?:ask|talk to|speak with|speak to|check with|reach|contact|call|connect you with|put you in touch with|loop in|pass (?:this|that|it) (?:to|along))\b/,
  /\bi (?:can'?t|cannot|am not able to|'m not able to|don'?t) (?:quote|give|discuss|share|say|confirm|promise|commit|negotiate|talk|go over|speak)\b|\bnot (?:able|allowed) to (?:quote|give|discuss|share|confirm)\b/,
  /\b(?:equipo|persona|alguien|gerente|asesor\w*|especialista|vendedor\w*|departamento|encargad\w*|ellos)\b.*\b(?:le (?:va|van) a|(?:le )?(?:puede|pueden|podra|podran)|le \w+ra\b|le \w+ran\b|con gusto)\b/,
  /\bno (?:puedo|podemos|le puedo) (?:dar|cotizar|confirmar|hablar|prometer|comprometer|negociar|compartir|decir)\b|\beso lo (?:debe|tiene que|puede|va a) \w+\b/,
];

/** Moves a number: even a person promising it is a commitment made by text. */
const MOVES =
  /\b(?:lower\w*|reduc\w*|bring (?:it|that|them|the \w+) down|get (?:it|that|them|you|your \w+|the \w+) (?:down|lower|under|below|approved|financed|where)|drop\w*|cut\w*|shave\w*|beat|match|improve|better (?:price|rate|number|deal|offer|terms)|work (?:something|it|the numbers) out|bajar\w*|rebajar\w*|reducir\w*|mejorar\w*|ajustar\w*|acomodar\w*)\b/;

export interface SensitiveSentence {
  sentence: string;
  topic: string;
}

/** Sentences of a reply, cut after . ! ? and line breaks. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Sentences (plain lower case) that say something about money, credit, trade or warranty
 * without asking or deferring. `listedPrice(sentence)` lets through a sentence whose only
 * money is the listed price of a vehicle it names.
 */
export function findSensitiveStatements(
  plainReply: string,
  listedPrice: (sentence: string) => boolean,
  people: string[] = [],
): SensitiveSentence[] {
  const out: SensitiveSentence[] = [];
  // The store's own people defer as a team does: "Maria Lopez can go over payments".
  const staff = people.length
    ? new RegExp(
        String.raw`\b(?:${people.join("|")})\b.*\b(?:will|can|could|would|'ll|is going to|happy to|handles?|le (?:puede|va a)|puede|podra)\b`,
      )
    : undefined;
  for (const sentence of splitSentences(plainReply)) {
    const topic = TOPIC_WORD.exec(sentence.replace(DEPARTMENT_NAME, "department"))?.[0];
    if (!topic) continue;
    const moves = MOVES.exec(sentence);
    if (moves) {
      out.push({ sentence, topic: `${topic} … ${moves[0]}` });
      continue;
    }
    const asks = sentence.includes("?") || sentence.startsWith("¿");
    if (asks || DEFERS.some((p) => p.test(sentence)) || staff?.test(sentence) || listedPrice(sentence)) continue;
    out.push({ sentence, topic });
  }
  return out;
}
