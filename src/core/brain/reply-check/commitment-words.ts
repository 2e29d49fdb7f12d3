/**
 * How a reply commits the store, by kind, in English and Spanish. Patterns run on plain lower
 * case (accents gone, apostrophes straight). They name the act (accepting, holding, approving,
 * guaranteeing, covering), not one phrasing of it, and the sentence rule in
 * sensitive-sentences.ts catches what they miss on money topics.
 */
export type CommitmentKind = "acceptance" | "hold" | "approval" | "guarantee" | "coverage" | "deal" | "free";

const WE = String.raw`(?:we|i|we'll|i'll|we've|i've|we're|i'm|we can|i can|we will|i will|we could|i could|we would|i would|let me|let us|let's)`;

export const COMMITMENT_WORDS: Record<CommitmentKind, RegExp[]> = {
  acceptance: [
    /\b(?:it'?s|is|are|they'?re|keys are|key is|it will be|it'll be|will be|consider it) (?:all |officially |now )?yours\b/,
    /\byours to (?:take|drive|keep)\b|\bkeys? (?:are|is) (?:waiting|ready) for you\b/,
    /\bconsider it (?:sold|done|yours|a deal)\b|\b(?:it'?s )?sold to you\b|\bsold!/,
    /\byou(?:'ve| have)? got (?:it|yourself|a deal)\b|\byou got it at\b|\bdone deal\b/,
    /\b(?:that|your|this) (?:number|price|offer|figure|amount|terms?) (?:works|is fine|is good|is ok|flies|are good|are fine)\b|\b(?:good|fine|ok|okay) with us\b/,
    /\bmake (?:that|it|this|those|the|your)(?: \w+)? (?:work|happen|fly)\b|\bhand (?:over|you) the keys\b|\bcongrat\w* on (?:the|your) (?:new|purchase)\b|\b(?:come|to) (?:in and )?sign\b(?! up)/,
    /\bsaid yes\b|\b(?:got|gave|give) (?:the|us the|you the) (?:ok|okay|green light|go-ahead)\b|\bsigned off\b|\bdijo que si\b|\bacept\w+ su (?:oferta|propuesta)\b|\bvisto bueno\b/,
    /\byou'?re (?:all )?(?:booked|scheduled|confirmed|reserved)\b|\b(?:is|are) (?:booked|scheduled) for you\b|\bbooked you\b/,
    /\bfelicidades por su\b|\b(?:pasa|pasar|venir|viene) a firmar\b|\bnegocio (?:cerrado|hecho)\b|\bquedamos (?:asi|en)\b|\ble (?:incluimos|regalamos|agregamos|ponemos)\b|\bconfirmad[oa]s?\b|\bqueda (?:agendad|programad|apartad|reservad)\w*/,
    /\b(?:we|i)(?:'ll| will| can| could)? do (?:that|it) (?:for|at) (?:that|your|this)\b/,
    /\bwe'?re good (?:at|with) (?:that|your|this)\b|\bworks for (?:us|me)\b/,
    /\b(?:at|for) (?:your|that|this|the same) (?:price|number|figure|payment|rate)\b/,
    /\b(?:accepted|we accept|i accept|agreed|we agree|i agree|agreement|it'?s settled|settled at|you'?re all set at|confirmed|binding|takesies|backsies)\b/,
    /\b(?:we|i)(?:'ll| will| can| could| would)? (?:sell (?:it|you|the|that|this)|take (?:it|that|your offer))\b/,
    /\b(?:es|son) suy[oa]s?\b|\bllaves son suyas\b|\bes todo suyo\b|\bconsiderelo (?:vendido|hecho|suyo)\b|\bvendid[oa] a usted\b/,
    /\baceptamos\b|\bacepto\b|\b(?:ese|su) (?:precio|numero|oferta) (?:esta bien|funciona|nos funciona|nos queda)\b|\b(?:se lo|se la|le) dejamos (?:en|a|por)\b|\bhecho!|\blisto el\b|\bcerramos\b/,
  ],
  hold: [
    /\block(?:ed|ing)? (?:it |that |this |your |the )?(?:\w+ )?in\b|\blocked (?:at|for|until)\b|\b(?:set|put) (?:it |that |this |the \w+ |one )?aside\b/,
    new RegExp(
      String.raw`\b${WE}(?: already)? (?:hold|holding|held|reserve|reserving|reserved|save|saving|saved|earmark|pull|pulled) (?:it|that|this|the|one|your|them|a)\b`,
    ),
    /\bon hold\b(?! for (?:another|someone|somebody|a different|other))|\b(?:set aside|put aside|earmarked|reserved|held|waiting|lined up|ready) for you\b|\byour name on it\b|\b(?:with|under) your name\b|\bpulled (?:it|the \w+) off\b|\bnobody else\b|\bfirst (?:look|dibs)\b/,
    /\b(?:hold|holding|reserve|save) (?:it|that|this|the \w+) (?:for you|until|till|through|overnight|at)\b/,
    /\b(?:se lo|se la|ya se lo|ya se la|le) (?:apartamos|aparto|aparte|guardamos|guardo|reservamos|reservo|separamos|separo|detenemos)\b/,
    /\b(?:apartad[oa]|reservad[oa]|separad[oa]) (?:para usted|a su nombre)\b|\ba su nombre\b|\bcongelad[oa]\b/,
    /\b(?:apart|separ)(?:o|amos|e|emos|ado|ada|ados|adas|ar|arle|arla|arlo|ando)\b(?! (?:para|por) (?:otro|otra|alguien))|\breserv\w* (?:el|la|su|ese|esa|este|esta) (?:auto|carro|camioneta|troca|coche|vehiculo|unidad|precio)\b/,
    /\bkeep (?:it|that|this|the \w+) (?:for you|aside|until)\b|\b(?:is|it'?s|are|been|they'?re) (?:now |already )?(?:reserved|held|set aside|earmarked|spoken for)\b|\bspoken for\b/,
  ],
  approval: [
    /\b(?:pre-?)?approv(?:ed|e|al|able)\b|\b(?:pre-?)?qualif\w*\b/,
    /\byou'?d be (?:looking at|paying|at|around)\b|\bballpark\b|\bin the (?:mid|high|low|upper|lower)\b|\b(?:mid|high|low|upper|lower)[- ](?:ones|twos|threes|fours|fives|sixes|sevens|eights|nines|teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b/,
    /\bno credit check\b|\bwithout (?:a )?credit check\b|\b(?:bad|no|poor|low) credit (?:is |isn'?t |won'?t be )?(?:no problem|fine|ok|okay|not a problem|an issue)\b/,
    /\b(?:everyone|anybody|anyone) (?:gets|is|will be) (?:approved|financed)\b|\bget you (?:approved|financed|into (?:it|the|a|that|this))\b/,
    /\b(?:zero|no|0) (?:money )?down\b|\bnothing down\b/,
    /\baprobad[oa]s?\b|\baprobacion\b|\b(?:pre)?califica\w*\b|\bsin (?:revision|chequeo|verificacion|buro|checar) de credito\b|\bsin credito\b|\bsin enganche\b|\bcero enganche\b/,
  ],
  guarantee: [
    /\b(?:i'?ll|we'?ll|i will|we will|let me|i can|we can) make sure\b|\bwill (?:absolutely|definitely|certainly|surely)\b|\bno question\b|\bwithout (?:a )?doubt\b|\byou'?ll be (?:fine|good|set)\b/,
    /\b(?:will|'ll) (?:be here|arrive|be in|be delivered|ship|be shipped|be back from) (?:by|on|before|first thing|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|tonight|this|next)\b/,
    /\bguarante\w*\b|\bpromis\w*\b|\bassure\w*\b|\bmy word\b|\bhonou?r\w*\b|\b100 ?%\b|\bcount on (?:it|that|us|me)\b|\bno doubt\b|\bfor sure\b|\bin writing\b/,
    /\bgarantiz\w*\b|\ble (?:aseguro|prometo|garantizo|aseguramos|prometemos)\b|\bsin falta\b|\bde seguro\b|\b(?:mi|nuestra) palabra\b|\bsin duda\b|\b(?:me|nos) asegur\w+\b|\brespet\w+ (?:el|ese|su|la)\b/,
  ],
  coverage: [
    /\bcover(?:s|ing)? (?:it|that|this|the|your|everything|all|parts|labor|repairs?|costs?)\b|\b(?:is|are|be|it'?s|that'?s|you'?re|were|get|fully|all) covered\b|\bcovered (?:under|by|for)\b|\b(?:warranty|manufacturer|extended plan|plan) (?:will |would |should |does |is going to )?(?:pay|pays|handle|handles|take care|takes care|eat|absorb)\b/,
    /\bpay for (?:the |it |that |this |everything|all)\b|\bout of (?:your )?pocket\b|\bwon'?t cost\b|\bno cost\b|\bno charge\b|\bon us\b|\bon the house\b|\bat no (?:cost|charge|extra)\b/,
    /\bcubr\w+\b|\bcubiert[oa]s?\b|\bcubre\b|\bla garantia (?:paga|se encarga|absorbe)\b|\bsin costo\b|\bno le cuesta\b|\bno le va a costar\b|\bcorre por nuestra cuenta\b|\bpor nuestra cuenta\b/,
  ],
  deal: [
    /\bdeal\b|\bbargain\b|\bsteal\b|\bspecial (?:price|pricing|offer|rate)\b|\b(?:best|great|low|lower|lowest|amazing|competitive|excellent|unbeatable|special|incredible) (?:price|prices|pricing|number(?! to\b| for (?:you|texting|calling|reaching))|offer|offers|rate|rates|payments?|financing|terms|apr|deals?|rebates?|incentives?|discounts?|savings)\b|\b(?:final|lowest|bottom|rock bottom) (?:price|number|offer|figure)\b/,
    /\bout[- ]the[- ]door\b|\botd\b|\binvoice\b|\bdealer cost\b|\bwholesale\b|\bmatch (?:it|that|their|any)\b|\bbeat (?:it|that|their|any)\b|\bwaive\w*\b|\bknock\w* (?:off|down)\b|\bthrow (?:in|it in)\b|\bno (?:dealer )?(?:fees|markup|mark-up|market adjustment|add-?ons|haggle)\b|\boff (?:msrp|sticker|the price)\b|\bmeet (?:you )?in the middle\b|\btop dollar\b|\bmake you happy on\b|\bsplit the difference\b|\bshake on it\b|\bworked (?:something|it) out\b/,
    /\btrato\b|\bganga\b|\bofertas? especial\w*|\bprecio (?:final|especial|minimo|mas bajo)\b|\bmejor precio\b|\brebaja\w*\b/,
  ],
  free: [
    /\bfree (?:oil|maintenance|service|tires|upgrade|floor mats|mats|accessor\w*|car wash|for life|of charge|tank|gas|detail\w*|tint\w*)\b|\bcomplimentary\b/,
    /\b(?:servicio|mantenimiento|aceite|llantas|instalacion|accesorios|tapetes|reparacion|revision|detallado|polarizado)\w* gratis\b|\bgratis (?:el|la|los|las) \w+\b|\bde regalo\b|\bregalamos\b|\bcortesia de la casa\b/,
  ],
};

/** The first commitment in a text (plain lower case), with its kind. */
export function findCommitment(plain: string): { kind: CommitmentKind; matched: string } | undefined {
  for (const [kind, patterns] of Object.entries(COMMITMENT_WORDS) as [CommitmentKind, RegExp[]][]) {
    for (const pattern of patterns) {
      const m = pattern.exec(plain);
      if (m) return { kind, matched: m[0] };
    }
  }
  return undefined;
}
