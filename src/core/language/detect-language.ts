/** The languages Baton reads and answers in. English is the default for anything unclear. */
export const LANGUAGES = ["en", "es"] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Spanish function words and the words a Spanish-speaking car customer uses most. Function
 * words carry most of the signal: "el down payment de la troca" is Spanish by "el", "de", "la".
 */
const SPANISH = new Set(
  (
    "el la los las un una unos unas de del al y o que q en por para pa con sin es son esta estan esta está está estoy soy " +
    "mi mis tu su sus nos me te se le les lo yo usted ustedes ud uds hola buenas buenos dias tardes noches gracias favor porfa " +
    "cuanto cuánto cuanta cuantos cuando donde dónde como cómo cual cuál quien quién porque xq pq si sí no pero tambien también " +
    "tienen tiene tengo quiero quisiera puedo puede pueden necesito hay hacer saber ver venir ir voy vamos mañana manana hoy ayer " +
    "semana sabado sábado domingo lunes martes miercoles jueves viernes hora horas cita carro coche camioneta troca precio pago " +
    "pagos mensual enganche credito crédito descuento llanta llantas aceite frenos pieza piezas mensajes mensaje escriban " +
    "manden llamen llamar hablar persona gerente ya mas más muy bien buen bueno buena todavia todavía aun aún ahora nada algo " +
    "alguien nadie otra otro vez veces interesa gustaria gustaría aqui aquí alli allí eso esto ese este mucho poco dinero millas año años nuevo usada usado " +
    "están estamos abierto abiertos abierta abren cierran cierra ahorita ubicados ubicada dirección direccion llego llegar carro carros " +
    "disponible disponibles cuesta cuestan servicio cuenta seguro manejar manejo gusto claro quería queria podría podria hablo habla " +
    "español espanol inglés ingles escribir responder ayuda ayudar necesita busco buscando todavia aún también cuál cuáles dónde " +
    "verdad entonces luego después despues tarde temprano mañana llamada número numero nombre llamo gracias muchas saludos"
  ).split(" "),
);
/** English words that, seen, mean the text is not Spanish even with a "no" or "me" in it. */
const ENGLISH = new Set(
  (
    "the a an and or is are was were be been do does did you your i my me we our it its this that what when where how why " +
    "can could would should will have has had not don't dont to of for with on at in from about please thanks thank hi hello " +
    "yes yeah ok okay car truck price still available today tomorrow just get want need know"
  ).split(" "),
);
/** Words both languages write ("no", "me", "a"): they count for neither side. */
const SHARED = new Set([
  "no",
  "me",
  "a",
  "son",
  "mi",
  "ya",
  "si",
  "pa",
  "hay",
  "solo",
  "van",
  "fine",
  "ok",
  "okay",
  "oki",
  "va",
]);

function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize("NFC")
    .replace(/[’‘`´]/g, "'")
    .split(/[^\p{L}']+/u)
    .filter(Boolean);
}

/** Spanish and English words in a text, and whether it has a mark only Spanish writes. */
function score(text: string): { es: number; en: number; marked: boolean } {
  let es = 0;
  let en = 0;
  for (const w of words(text)) {
    if (SHARED.has(w)) continue;
    // "estan" and "están" alike: many texts drop the accents.
    if (SPANISH.has(w) || SPANISH.has(fold(w))) es += 1;
    else if (ENGLISH.has(w)) en += 1;
  }
  return { es, en, marked: /[ñ¿¡áéíóú]/i.test(text) };
}

function fold(word: string): string {
  return word.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
}

/**
 * The language of one text, or undefined when it says too little to tell ("3pm", "Dana").
 * Spanish needs more Spanish words than English ones: two, or one with no English word beside
 * it ("Gracias!"), or one with a character English never uses (ñ, ¿, ¡, an accented vowel).
 * An opening ¿ or ¡, or an ñ, with no word of either list is Spanish too ("¿Abren ahorita?").
 */
export function detectLanguage(text: string): Language | undefined {
  const { es, en, marked } = score(text);
  if (es >= 2 && es > en) return "es";
  if (es >= 1 && (en === 0 || (marked && es >= en))) return "es";
  if (en >= 1 && en >= es) return "en";
  if (es === 0 && en === 0 && /[¿¡ñ]/i.test(text)) return "es";
  return undefined;
}

/**
 * The language to answer in: this text's when it says, else the conversation's, else English.
 * A conversation in one language does not switch on a single word of the other ("ok", "yes",
 * "thanks" in a Spanish conversation); it switches when the text clearly is the other language.
 */
export function chooseLanguage(text: string, conversationLanguage?: Language): Language {
  const detected = detectLanguage(text);
  if (!detected) return conversationLanguage ?? "en";
  if (!conversationLanguage || detected === conversationLanguage) return detected;
  const { es, en } = score(text);
  const evidence = detected === "es" ? es - en : en - es;
  return evidence >= 2 ? detected : conversationLanguage;
}
