/**
 * The words a careful assistant needs besides the store's facts and the customer's own words,
 * in English and Spanish, plain lower case (accents gone). A model reply made only of these,
 * the knowledge file's words and the customer's is one Baton can vouch for; a word from
 * outside ("penciled", "workable", "off the market", "flying colors") is the model saying
 * something nobody gave it, and Baton's own answer goes instead.
 *
 * Left out on purpose, though common: words that commit or claim by themselves (hold, keep,
 * save, lock, yours, keys, set, ready, waiting, booked, scheduled, confirmed, calendar, done,
 * fine, problem, guarantee, promise, sure-fire adverbs like definitely or absolutely, free,
 * cover, deal, price, pay, approve, qualify; Spanish quedo, listo, apartado, reservado,
 * anotado, seguro, esperamos). A model that needs them is saying what only a person may.
 */
const ENGLISH = `
a an the and or but so if then than that that's this these those there there's here here's it it's its
i i'm i'll i've i'd me my we we're we'll we've we'd us our you you're you'll you've you'd your
they they're they'll them their he she his her who whom whose what what's which when where where's why how
to of in on at by for from with without about into onto over under up out off as like just also too very really
quite only even still again already yet soon now today tonight tomorrow week weekend weekday weekdays
morning afternoon evening night day days hour hours minute minutes moment while until till before after during
between around near nearby across right left straight ahead back front behind next last first second other
another each every all any some no not nothing anything something everything none one ones both either
more most less much many few little lot lots few couple bit
be am is are was were been being have has had having do does did doing can can't cannot could couldn't
will won't would wouldn't should shouldn't may might must need needs needed want wants wanted wanting
like likes liked love know knows knew let let's lets get gets got getting give gives go goes going went
come comes coming came see sees saw seen seeing look looks looking looked check checks checking checked
find finds found help helps helped helping ask asks asked asking answer answers answered reply replies replied
text texts texted texting message messages call calls called calling reach reaching email emails share sharing
send sending bring bringing drop dropping dropped pick picking stop stopping visit visits visiting make makes
take takes taking try trying work works working use using say says said tell tells told think thinks hope
hear heard talk talking speak speaking show showing open opens opened close closes closed closing book booking
schedule arrange arranging confirm confirms follow follows following followed pass passing connect loop forward
note understand understood sound sounds appreciate welcome thanks thank sorry apologize glad happy enjoy
stay start starts started end ends run runs running head heading turn turning park parking walk walking wait
team teammate teammates person people someone somebody anyone everyone member members staff manager advisor
specialist specialists department departments sales service parts finance store dealership showroom lounge
counter desk office building customer customers question questions info information details detail request
requests name names number numbers phone vin stock vehicle vehicles car cars truck trucks suv suvs model models
year years make makes trim trims color colors mileage miles mile option options feature features test drive
drives driving appointment appointments time times date dates location address directions direction map way
exit route bus shuttle loaner loaners ride wifi coffee oil change changes battery batteries tire tires brake
brakes engine light lights noise issue issues repair repairs recall recalls inspection inspections diagnostic
part order orders shipping return returns website site page link careers job jobs hours availability inventory
listing listings listed photo photos picture pictures online currently current new used pre-owned certified
available transit pending sold great good nice quick quickly easy easier best better own sure ok okay yes yeah
hi hello hey please welcome perfect course glad happy thanks right away shortly soon later earlier early late
whenever anytime anywhere somewhere everywhere close closer far how's let's assistant automated texting
chat reply help line usual usually often typically normally also plus including includes include am pm p m
monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays saturdays
sundays january february march april june july august september october november december holiday holidays
along request requested requests prefer prefers preferred located street arrival arrive arrives arrived depend
depends about several factors interest interested limited regular possible directly enter sits keeps status
thing things short description eye caught discuss able paperwork respond sent reached handy thinking planning
full size hand rows kind words travel travels file itself taken catch beyond handled handles handle
`;

/**
 * Money, credit, trade and warranty words: a sentence with one is judged by the sensitive-sentence
 * rule (a question, a hand-over to a person or a listed price only), so here they are plain words.
 */
const TOPICS = `
price prices pricing priced payment payments monthly financing finance loan loans lease leasing credit rate rates
interest trade trade-in appraisal value warranty coverage discount discounts rebate rebates incentive incentives
fee fees budget offer offers quote estimate cost costs tax taxes
precio precios pago pagos mensualidad mensualidades financiamiento credito prestamo tasa tasas intercambio avaluo
valor garantia cobertura descuento descuentos oferta ofertas presupuesto cotizacion costo impuestos
`;

const SPANISH = `
a al el la los las lo le les un una unos unas de del y o u que en por para con sin sobre entre hasta desde
hacia como cuando donde cual cuales quien quienes cuanto cuanta cuantos cuantas si no ya aun todavia tambien
muy mas menos solo solamente bien mal aqui ahi alli ahora hoy manana tarde temprano noche dia dias semana
fin hora horas minuto minutos momento antes despues durante luego pronto siempre nunca otra otro otros otras
cada todo toda todos todas algo alguien nada nadie uno dos este esta estos estas ese esa esos esas eso esto
yo usted ustedes nosotros nos me te se su sus mi mis nuestro nuestra nuestros nuestras
es son esta estan estamos esta era fue ser estar hay tiene tienen tenemos tengo puede pueden podemos puedo
podria podrian quiere quieren quisiera gustaria gusta le gustaria necesita necesitan necesito sabe saber
ayuda ayudar ayudarle ayudamos ayudo le ayudo ayudara ver verlo verla venir viene vienen vaya ir pasar pase
pasa llegar llega llame llamar llamarle llamara escribir escribirle escribira escribiran escriba responder
responde respondera contestar revisar revisa revisara revisarlo consultar preguntar pregunte buscar encontrar
confirmar confirmara confirmaran comunicar comunicarse comunique contactar contactara avisar aviso avisamos
enviar envie mandar mande traer traiga dejar deje agendar agenda cita citas visita visitar prueba manejo
equipo persona personas asesor asesora gerente vendedor vendedora personal departamento ventas servicio partes
refacciones finanzas tienda concesionario agencia sala oficina cliente clientes pregunta preguntas informacion
detalles datos nombre numero telefono vin auto autos carro carros coche camioneta camionetas troca vehiculo
vehiculos modelo modelos ano anos marca color colores millas opcion opciones horario horarios direccion salida
ruta autobus transporte cortesia wifi cafe aceite cambio bateria llanta llantas frenos motor luz ruido
reparacion revision pieza piezas pedido envio devolucion sitio web pagina enlace empleo vacantes inventario
disponible disponibles transito camino vendido nuevo nueva usado usada seminuevo gracias muchas hola buenas buenos
domingos sabados lunes enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
solicitud paso pasamos pasarle publicado publicada enfrente comercial linea alguna alguno algunos disponibilidad
millaje seguimiento dara ella el ellos cerrados atiende atienden pero comunicara piensa limitados pendiente
permanecemos recibimos tome siga parada colisiones justo sigue desea avise avisemos asi dar contamos radio hacer
parte unidos continentales necesitamos inspecciones previas bienvenidas bienvenidos indicar manejar actualmente
correcta correcto cuenta decir hablar miembro mucho servirle escribanos quiera igualmente anoto confirmarla
conserva trae llamados llegue prefiere prefieran interesa
dias tardes noches claro gusto con gusto favor por favor perdon disculpe lamento siento bienvenido bienvenida
perfecto excelente abierto abiertos abre abren cierra cierran cerrado lunes martes miercoles jueves viernes
sabado domingo asistente automatico mensaje mensajes texto breve entonces
`;

export const PLAIN_WORDS: ReadonlySet<string> = new Set(`${ENGLISH} ${SPANISH} ${TOPICS}`.split(/\s+/).filter(Boolean));

const english = new Set(ENGLISH.split(/\s+/).filter(Boolean));
const spanish = new Set(SPANISH.split(/\s+/).filter(Boolean));

/**
 * Which language a reply leans to by these plain words alone, for replies too terse for the
 * language detector ("Saturday hours: sales 9 AM-6 PM, service 8 AM-2 PM. Closed Sunday!"):
 * two or more words only one language uses, and none only the other uses.
 */
export function leanOf(words: string[]): "en" | "es" | undefined {
  const en = words.filter((w) => english.has(w) && !spanish.has(w)).length;
  const es = words.filter((w) => spanish.has(w) && !english.has(w)).length;
  if (en >= 2 && es === 0) return "en";
  if (es >= 2 && en === 0) return "es";
  return undefined;
}
