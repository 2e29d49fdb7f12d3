/**
 * Revocations in plain words ("stop texting me", "remove my number", "no me envíe más
 * mensajes"). Each rule needs a verb of ending AND something that is texting, so look-alikes
 * ("stop by tomorrow", "cancel my appointment", "STOP light") stay conversations.
 * Input is text already folded by `foldConsentText` (lower case, no accents).
 */

const TEXTS =
  "(?:texts?|text messages?|communications?|contact|txts?|messages?|msgs?|sms|reminders?|promos?|promotions?|offers?|ads|advertisements?|spam|notifications?|alerts?|marketing|junk|solicitations?)(?!\\s*(?:e-?mails?|calls?|mail|letters?)\\b)";
const DETERMINERS =
  "(?:(?:the|these|those|your|ur|this|that|any|all|of|with|more|stupid|damn|annoying|automated|marketing|promotional|promo|sales|service|reminder|text|daily|constant|spam|ai|bot)\\s+){0,4}";
const ME = "(?:me|us|my (?:phone |cell |mobile )?(?:number|#|phone|cell)|this (?:phone |cell )?(?:number|#|phone))";
const NEGATION = /\b(?:don'?t|do not|never|didn'?t|won'?t|wouldn'?t|not|no need to)\s+(?:\w+\s+)?$/;
/** The customer speaking of their own texting: "I'll stop texting now lol", "let me stop bothering you". */
const SELF =
  /\b(?:i|we)(?:'ll| will| can| could| should|'m going to| am going to|'m gonna| gonna| better)\s+$|\blet me\s+$/;
/** The customer wants a person instead of the automated replies: "stop sending me bot answers, get me a human". */
const WANTS_PERSON =
  /\b(?:robot|robots|bot|bots|automatic\w*|automated|automatizad\w*|maquina)\b.*\b(?:persona|humano|person|human|someone|somebody|alguien|agent|agente|rep|representative)\b/;
/** Things one is taken off: a list or a database, never a waitlist or an order. */
const LIST_TARGET = new RegExp(
  `^(?:(?:of|your|the|this|ur|all|any|every|these|those|of your)\\s+)*(?:(?:contact|mailing|texting|text|sms|call|marketing|calling|messaging|distribution|customer)\\s+)?(?:lists?|contacts?|database|system|records?|${TEXTS}|this|these|here|it|them|everything|all)\\b`,
);
const EMAIL_TARGET =
  /^(?:of\s+|from\s+)?(?:the|your|all|these|my)?\s*(?:old\s+|work\s+|personal\s+)?(?:e-?mails?|email newsletters?|newsletters?|mailers?|mailing list|mail|calls?|phone calls?)\b/;

/** The customer says texting is wanted: "stop calling, just text", "emails no, texts are fine". */
const WANTS_TEXTS =
  /\b(?:texts?|texting|text messages?) (?:is|are|would be) (?:fine|ok|okay|good|better|great|preferred)\b|\bjust text\b|\btext me (?:instead|here|on this number)\b|(?<!no need to )\bkeep (?:texting|the texts)\b|\bprefer (?:texts?|texting)\b|\brather (?:you )?text\b/;

type Rule = (t: string) => string | undefined;

function notNegated(t: string, match: RegExpExecArray | null): string | undefined {
  if (!match) return undefined;
  const before = t.slice(0, match.index);
  return NEGATION.test(before) || SELF.test(before) ? undefined : match[0];
}

function firstMatch(t: string, pattern: RegExp): RegExpExecArray | null {
  return pattern.exec(t);
}

/** What follows a match, up to the end of its clause. */
function rest(t: string, match: RegExpExecArray): string {
  return t
    .slice(match.index + match[0].length)
    .split(/[.,;!?]/)[0]!
    .trim();
}

const RULES: Rule[] = [
  // "stop texting me", "quit messaging me", "stop harassing me", "stop sending me these"
  (t) =>
    notNegated(
      t,
      firstMatch(
        t,
        new RegExp(
          `\\b(?:stop|quit|cease and desist|cease|halt|enough with the)\\s+(?:(?:texting|txting|messaging|msging|contacting|spamming|harassing|bothering|pestering)(?:\\s+${ME}|\\s+again|\\s+now|\\s*$|\\s*[.,!?])|sending\\s+(?:${ME}\\s+)?(?:(?:${DETERMINERS}${TEXTS})|these|this|them|that|stuff|crap|anything)\\b|sending\\s*(?:${ME})?\\s*(?:$|[.,!?]))`,
        ),
      ),
    ),
  // "cancel these texts", "end these messages", "no more promos", "stop the reminder texts"
  (t) =>
    notNegated(
      t,
      firstMatch(
        t,
        new RegExp(
          `\\b(?:stop|quit|cease|halt|end|cancel|discontinue|no more|enough)\\s+${DETERMINERS}${TEXTS}\\b(?!\\s+(?:needed|necessary) (?:today|now|for now))`,
        ),
      ),
    ),
  // "don't text me again", "do not text", "never message this number"
  (t) =>
    firstMatch(
      t,
      new RegExp(
        `\\b(?:don'?t|do not|never|pls don'?t|please don'?t)\\s+(?:ever\\s+)?(?:text|txt|message|msg|contact|sms|bother)(?:\\s+or\\s+call)?(?:\\s+${ME}|\\s+again|\\s+anymore|\\s*$|\\s*[.,!?])(?!\\s*(?:before|after|until|till|til|at|during|in the (?:morning|evening)|early|late|on (?:weekends|sundays|saturdays)|while)\\b)(?!\\s*(?:on|in|through|via) (?:facebook|fb|messenger|instagram|ig|whatsapp|e-?mail|linkedin|social))(?!\\s*(?:the|those|these) (?:numbers?|prices?|quotes?|pictures?|photos?|pics|links?|details)\\b)`,
      ),
    )?.[0],
  // "I don't want these messages anymore", "i dont want to receive texts from you"
  (t) =>
    firstMatch(
      t,
      new RegExp(
        `\\b(?:don'?t|do not|no longer) (?:want|wish|need|like)\\s+(?:to (?:get|receive|be sent)\\s+)?(?:any\\s*more\\s+)?${DETERMINERS}${TEXTS}\\b`,
      ),
    )?.[0],
  // "remove my number", "take me off your list", "please remove me"
  (t) => {
    const m = firstMatch(t, new RegExp(`\\b(remove|take|delete|erase|drop|lose|forget|scrub|purge)\\s+${ME}\\b`));
    if (!m) return undefined;
    const after = rest(t, m).replace(/^(?:please|pls|now|asap)\b\s*/, "");
    if (after === "" && m[1] !== "take" && m[1] !== "drop") return m[0];
    if (/^(?:off|out)$/.test(after)) return m[0];
    const target = /^(?:off|from|out of)\s+(.*)$/.exec(after);
    return target && LIST_TARGET.test(target[1]!) && !/wait ?list/.test(target[1]!) ? m[0] : undefined;
  },
  // "Who gave you this number? Delete it"
  (t) =>
    /\b(?:this|my) (?:phone |cell )?number\b/.test(t)
      ? firstMatch(t, /\b(?:delete|erase|remove|lose) (?:it|that|this)\s*(?:$|[.,!?]|please|pls|now)/)?.[0]
      : undefined,
  // "opt me out of all texts", "please opt my number out of this", "how do I opt out?"
  (t) => {
    const m = firstMatch(t, new RegExp(`\\bopt\\s+(?:${ME}\\s+)?out\\b`));
    if (!m) return undefined;
    const after = rest(t, m);
    return after === "" || LIST_TARGET.test(after) || /^(?:please|pls|now)\b/.test(after) ? m[0] : undefined;
  },
  // "unsubscribe me", "unsubscribe from these texts"; not "unsubscribe me from the emails"
  (t) => {
    const m = firstMatch(t, new RegExp(`\\bunsub(?:scribe)?(?:\\s+${ME})?\\b`));
    if (!m) return undefined;
    const after = rest(t, m);
    if (EMAIL_TARGET.test(after)) return undefined;
    const from = /^(?:from|to)\s+(.*)$/.exec(after);
    return !from || LIST_TARGET.test(from[1]!) ? m[0] : undefined;
  },
  // "leave me alone", not "leave me alone with the add-ons" (a topic, not the texting)
  (t) => firstMatch(t, /\bleave (?:me|us) alone\b(?!\s+(?:with|about|on|regarding|con)\s)/)?.[0],
  // "Do not send me any more texts", "already told you to stop"
  (t) =>
    notNegated(
      t,
      firstMatch(
        t,
        new RegExp(
          `\\b(?:don'?t|do not|never|stop|quit)\\s+(?:ever\\s+)?send(?:ing)?\\s+(?:me\\s+|us\\s+)?(?:any\\s*more\\s+|more\\s+|any\\s+)?${DETERMINERS}${TEXTS}\\b`,
        ),
      ),
    ),
  (t) => firstMatch(t, /\b(?:told|asked) (?:you|u|y'?all) (?:\w+ ){0,3}(?:to )?stop\b(?! (?:by|in|holding))/)?.[0],
  // "i never asked for these texts", "I didn't sign up for these messages"
  (t) =>
    firstMatch(
      t,
      new RegExp(
        `\\b(?:never|didn'?t|did not)\\s+(?:ask(?:ed)?|sign(?:ed)? up|agree[d]?|opt(?:ed)? in|subscribe[d]?|consent(?:ed)?)\\s+(?:for|to)?\\s*${DETERMINERS}${TEXTS}\\b`,
      ),
    )?.[0],
  // "I want off this list", "get me off your list"
  (t) =>
    firstMatch(
      t,
      /\b(?:want|get|put|keep) (?:me |us |my number )?off (?:of )?(?:this|your|ur|the|all) (?:(?:text|texting|sms|contact|mailing|marketing|call) )?lists?\b/,
    )?.[0],
  // "wrong number", not "I typed the wrong number" nor "the wrong number on file"
  (t) => {
    const m = firstMatch(
      t,
      /(?:\bwrong (?:phone )?(?:number\b|numbr\b|nmber\b|person\b|#)|\bnumero equivocado\b|\bpersona equivocada\b|\bse equivoc(?:aron|o) de (?:persona|numero)\b)(?!\s+(?:on|in|for|listed|on file|en|de|del|para)\b)/,
    );
    if (!m) return undefined;
    return /\b(?:typed|gave|sent|put|entered|wrote|dialed|dialled|used|called|quoted|written|copied|marque|llame|marco|llamo)\s+(?:\w+\s+){0,2}$/.test(
      t.slice(0, m.index),
    )
      ? undefined
      : m[0];
  },
  (t) =>
    firstMatch(
      t,
      /\b(?:revoke|revoking|withdraw|withdrawing|rescind|retract|cancel)\s+(?:my\s+|all\s+|any\s+)?(?:consent|permission|authorization|opt ?in)\b/,
    )?.[0],
  (t) =>
    firstMatch(
      t,
      /\bnever (?:gave|give|given|agreed|consented|signed up|opted in)\b(?:\s+(?:you|u))?(?:\s+(?:my|any))?(?:\s+(?:permission|consent|to (?:receive|get|be sent) (?:texts?|messages?)|to (?:these|this|your|any) (?:texts?|messages?)))/,
    )?.[0],
  // "How do I make these texts stop?", "how can I stop the messages"
  (t) =>
    firstMatch(
      t,
      new RegExp(
        `\\b(?:make|get|want|need)\\s+${DETERMINERS}${TEXTS}\\s+(?:to\\s+)?(?:stop|end)\\b|\\b${TEXTS}\\s+(?:need to|have to|must|gotta|got to)\\s+stop\\b`,
      ),
    )?.[0],
  (t) =>
    firstMatch(
      t,
      /\b(?:i'?m |i am |i will |i'?ll |going to |gonna )?block(?:ing)? (?:this|your|ur) (?:number|#)\b|\bi'?m blocking (?:you|u)\b/,
    )?.[0],
  // Spanish: "no me envíe más mensajes", "ya no me escriban", "dejen de enviarme mensajes"
  (t) =>
    firstMatch(
      t,
      /\bno (?:me |nos )?(?:envie|envien|envies|mande|manden|mandes|escriba|escriban|escribas|texte|texteen|contacte|contacten|molesten?)\b(?:\s+(?:mas|mensajes|textos|nada)|\s*$|\s*[.,!?])(?!\s*(?:por|en|al?) (?:whatsapp|correo|e-?mail|facebook|messenger|instagram|vendedor))(?!\s*(?:mas\s+)?(?:correos|e-?mails|llamadas|cartas)\b)(?!\s*(?:mensajes\s+)?(?:en la (?:noche|madrugada|manana)|de noche|antes de las?|despues de las?|tan temprano|en el trabajo)\b)/,
    )?.[0],
  // "ya no me escriban"; not "ya no me escriban por WhatsApp, aquí es mejor", "ya no me manden al vendedor" nor "ya no me manden correos"
  (t) =>
    firstMatch(
      t,
      /\bya no me (?:envie|envien|mande|manden|escriba|escriban|texteen|contacten|molesten)\b(?!\s+(?:por|en) (?:whatsapp|correo|e-?mail|facebook|messenger|instagram)\b)(?!\s+al?\s)(?!\s*(?:mas\s+)?(?:correos|e-?mails|llamadas|cartas)\b)/,
    )?.[0],
  (t) => firstMatch(t, /\bdej(?:en|a|e|ar) de (?:enviar|mandar|escribir|textear|contactar|molestar)(?:me|nos)?\b/)?.[0],
  (t) =>
    firstMatch(
      t,
      /\bno (?:quiero|deseo) (?:recibir |que me (?:envien|manden) )?(?:mas |sus |estos )?(?:mensajes|textos)\b|\bno mas (?:mensajes|textos)\b|\bbasta (?:de|con (?:los|sus)) (?:mensajes|textos)\b/,
    )?.[0],
  (t) =>
    firstMatch(
      t,
      /\b(?:borr|quit|elimin)(?:en|a|e|ar|ame) (?:mi numero|mi telefono)\b|\bdar(?:me)? de baja\b(?!\s+(?:el|la|los|las|del|de la|mi|su)\s+(?!numero|telefono|lista|mensajes|textos))|(?<!dieron |dio |me dieron )\bde baja\b(?!\s+(?:el|la|los|las|del|de la|mi|su)\s+(?!numero|telefono|lista|mensajes|textos))(?!\s+(?:en|del) (?:el )?trabajo)/,
    )?.[0],
  // "quítenme de la lista", "sáquenme de su lista", "desuscríbanme", "pierdan este número"
  (t) =>
    firstMatch(
      t,
      /\b(?:quit|sac|borr|elimin)(?:en|a|e)me (?:de (?:la|su|sus|esta|esa) (?:lista|base|listas)|ya)\b|\bdesuscrib\w*|\bpierdan (?:este|mi) (?:numero|telefono)\b/,
    )?.[0],
  (t) =>
    firstMatch(
      t,
      /\bno me vuelvan? a (?:escribir|mandar|enviar|contactar|textear|molestar)\b|\bnunca di (?:mi )?(?:permiso|autorizacion)\b|\bno (?:me interesa|quiero|deseo) recibir\b/,
    )?.[0],
  // "quit reaching out", "stop reaching out to us"
  (t) =>
    notNegated(
      t,
      firstMatch(t, /\b(?:stop|quit|cease)\s+(?:reaching out|blowing up (?:my|this) (?:phone|cell)|blowing me up)\b/),
    ),
  // "no need to text me anymore", "no need to keep texting"; not "no need to text back, see you at 3"
  (t) =>
    firstMatch(
      t,
      /\bno need to (?:keep (?:texting|messaging|contacting)\b|(?:text|message|contact|reach out to)(?:ing)? (?:me |us )?(?:any ?more|again)\b)/,
    )?.[0],
  // "I'd like to be removed from all text messages"
  (t) =>
    firstMatch(
      t,
      new RegExp(`\\b(?:be|get|been|being) removed from\\s+(?:${DETERMINERS})?(?:lists?|${TEXTS})\\b`),
    )?.[0],
  // "this is my work phone, do not text it"
  (t) => firstMatch(t, /\b(?:don'?t|do not|never) (?:text|message|contact) (?:it|this (?:number|phone))\b/)?.[0],
  (t) =>
    firstMatch(
      t,
      /\b(?:how many times|told you)\b.{0,30}\b(?:say|tell you|ask(?: you)?)(?: to)? stop\b|\bforget (?:my|this) (?:number|#)\b/,
    )?.[0],
  // "knock it off with the texts", "quit it with the daily deals", "don't reach out again", "how do I get off this"
  (t) =>
    firstMatch(
      t,
      /\b(?:knock it off|quit it|cut it out|enough) with (?:the |these |your |all the |all these )?(?:\w+ )?(?:texts|messages|deals|promos|spam|ads|offers|alerts)\b/,
    )?.[0],
  (t) =>
    firstMatch(
      t,
      /\bdon'?t (?:ever )?reach out (?:again|anymore|any more|to me)\b|\bhow (?:do|can) (?:i|we) (?:get off (?:this|your|the)|make (?:this|these|it) stop|stop (?:these|this|them|the texts))\b|\brmv me\b/,
    )?.[0],
  // Spanish: "fuera de la lista", "ni me escriban ni me llamen", "no sigan escribiendo", "bórrenme", "párenle con los mensajes"
  (t) =>
    firstMatch(
      t,
      /\bfuera de (?:la|su|sus|esta) lista|\bni me (?:escriban|manden|envien)\b|\bno (?:sigan|continuen) (?:escribiendo|mandando|enviando|molestando)\b|\bborr(?:en|a|e)me\b|\bparen(?:le)? (?:con|de) (?:los|sus|tantos|mandar) ?(?:mensajes|textos)?\b|\bno (?:le|les) (?:manden|envien|escriban) (?:nada|mas|mensajes)\b/,
    )?.[0],
  // "I never signed up for this", said as the whole point of the text
  (t) =>
    firstMatch(
      t,
      /\bnever (?:signed up|asked|agreed|opted in) for (?:this|these|that|any of this)\s*(?:$|[.!?,])/,
    )?.[0],
];

/** The customer wants texts but not something else (e-mail, a channel, a salesperson): never a revocation of texts. */
const KEEPS_TEXTS =
  /\b(?:e-?mails?|newsletters?|whatsapp|correos?|mailers?|aqui es mejor|por aqui|see you|nos vemos|needed today|vendedor|just texts?|not the texts|mensajes si|textos si|antes de las?|en la noche|llamen|llamadas|calls?|calling)\b/;

/** True when the text says texting is wanted or only another channel should stop: the judge's guess must not opt it out. */
export function keepsTexting(folded: string): boolean {
  return WANTS_TEXTS.test(folded) || KEEPS_TEXTS.test(folded);
}

/** The words that revoke consent, or undefined when the text is not a revocation. */
export function findRevocationPhrase(folded: string): string | undefined {
  if (WANTS_TEXTS.test(folded) || WANTS_PERSON.test(folded)) return undefined;
  for (const rule of RULES) {
    const hit = rule(folded);
    if (hit) return hit.trim();
  }
  return undefined;
}
