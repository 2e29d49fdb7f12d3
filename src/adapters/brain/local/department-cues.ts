import type { Department } from "../../../core/ports/brain.js";

/**
 * Words and patterns that point at a department, with a weight and the intent they suggest.
 * Written against normalised text (see normalise-text.ts). `mention` cues only name a
 * department ("service hours", "body shop"): an hours or location question outranks them.
 */
export interface Cue {
  department: Department;
  intent: string;
  weight: number;
  pattern: RegExp;
  mention?: boolean;
}

const HOLIDAYS =
  "(?:memorial day|labor day|christmas|thanksgiving|new year'?s(?: day| eve)?|july 4(?:th)?|4th of july|fourth of july|independence day|easter|black friday|president'?s day|mlk day|veterans day|good friday)";

/**
 * Informal asks for a trade-in value: "how much would y'all give me for my Civic", "what would
 * my F-150 get me towards a new one", "can I put my car towards…", "would you buy my truck".
 * Shared by the department cues, the handoff rules and the trade-in reader.
 */
export const TRADE_ASK =
  /\b(?:how much|what) (?:(?:would|will|could|can|do|does|did|are|might) )?(?:you|you all|you guys|ya|yous)(?: \w+)? (?:give|pay|offer|allow)(?:ing)? (?:me |us )?(?:for|on)\b|\b(?:how much|what) (?:would|will|could|can|does|do|is|might) (?:my|our) (?!(?:[\w-]+ ){0,3}(?:warranty|plan|coverage|insurance|package|membership|points|rewards|credit|money|deposit|cash|budget|payments?|score|subscription|service|maintenance|tires|parts)\b)(?:[\w-]+ ){1,4}(?:get (?:me|us)\b|fetch\b|bring\b|be worth\b|worth\b)|\b(?:how much|what) (?:can|could|would|will|do|might) (?:i|we) get (?:for|on|out of) (?:my|our)\b|\b(?:put|use|apply|roll|count) (?:my|our) (?!(?:[\w-]+ ){0,3}(?:warranty|plan|coverage|insurance|package|membership|points|rewards|credit|money|deposit|cash|budget|payments?|score|rebate|equity|loan|lease|down)\b)(?:[\w-]+ ){1,4}(?:towards?|into|against) (?:a|an|the|another|my|buying)\b|\b(?:would|will|do|could|can) (?:you|you all|you guys) (?:\w+ )?buy (?:my|our)\b|\bsell (?:you |you all |you guys )?(?:my|our)\b/;

export const CUES: Cue[] = [
  // sales
  {
    department: "sales",
    intent: "test_drive",
    weight: 4,
    pattern: /\btest[- ]?drive|\bprueba de manejo\b|\btake (?:it|one|her|him) (?:out )?for a (?:spin|drive)\b/,
  },
  {
    department: "sales",
    intent: "trade_in",
    weight: 3.5,
    pattern: new RegExp(
      `${/\btrad(?:e|es|ed|ing)\b|\btrade-in\b|\bapprais\w*|\bkbb\b|\bkelley\b|\bblue book\b|\bcarvana\b|\bcarmax\b|\bvroom\b|\bwhat would you (?:give|pay|offer)\b|\bdo you (?:all |guys )?buy (?:cars|trucks|vehicles|motorcycles|suvs|used)\b|\bbuy my (?:car|truck|suv)\b|\b(?:value|worth) (?:on |of )?my\b|\bwhat'?s (?:it|my \w+) worth\b|\bworth to you\b|\bhow much (?:for|would you give me for) my\b/.source}|${TRADE_ASK.source}`,
    ),
  },
  {
    department: "sales",
    intent: "price_negotiation",
    weight: 2.5,
    pattern:
      /\blowest\b|\bbest price\b|\bnegotiab\w+|\bfirm\b|\bmatch\b|\bbeat (?:it|that|their|the)\b|\bdiscounts?\b|\brebates?\b|\bincentives?\b|\bemployee pricing\b|\bmilitary\b|\bmark ?up\b|\bmarket adjustment\b|\badd[- ]?ons?\b|\baddendum\b|\bdoc(?:umentation)? fees?\b|\bfees\b|\btaxes\b|\bbuyers? order\b|\bcash\b|\bdeals?\b|\binvoice price\b|\bdealer cost\b|\bunder sticker\b|\bover msrp\b|\bknock (?:off|it down)\b|\bcome down\b|\bout the door\b/,
  },
  {
    department: "sales",
    intent: "vehicle_price",
    weight: 1.2,
    pattern:
      /\bprices?\b|\bpricing\b|\bpriced\b|\bhow much\b|\bcosts?\b|\bmsrp\b|\bsticker\b|\bcuanto (?:cuesta|es|vale)\b|\bprecio\b|\bnumbers\b|\bquote\b/,
  },
  {
    department: "sales",
    intent: "vehicle_availability",
    weight: 1.5,
    pattern:
      /\bbuy\b|\bbuying\b|\bpurchas\w+|\bshopping\b|\blooking (?:for|at) (?:a|an|the|some|one)\b|\binterested in\b|\bcome (?:see|look|check)\b|\bcheck (?:it|them) out\b|\bnew or used\b|\bused\b|\bcertified\b|\bcpo\b|\bpre[- ]?owned\b|\bdemo\b|\blisted\b|\blisting\b|\bmarketplace\b|\bposted\b|\bfor sale\b|\bin person\b/,
  },
  {
    department: "sales",
    intent: "vehicle_availability",
    weight: 1.5,
    pattern:
      /(?<!my |our )\b(?:(?:3rd|third) row|suvs?|trucks?|sedans?|minivans?|electric (?:cars?|vehicles?)|evs|convertible|coupe|hatch(?:back)?)\b/,
  },
  {
    department: "sales",
    intent: "vehicle_info",
    weight: 2,
    pattern:
      /\bcomes? with\b|\bcome in (?:blue|red|white|black|grey|gray|silver|green)\b|\bdoes (?:it|the [\w-]+(?: [\w-]+)?) have\b|\bcolou?rs?\b|\bmpg\b|\bmiles on (?:it|the)\b|\bhow many miles (?:on|does|is|are)\b|\bdifference between\b|\bcompare\b|\bversus\b|\bvs\b|\bthe (?:xle|xse|le|se|limited|platinum|trd(?: pro| sport| off-?road)?|sr5|lariat|xlt|rubicon|denali|touring|ex-?l|nightshade|woodland)\b|\bcan (?:the|it|a|this|that) [\w-]+ tow\b|\btow (?:rating|package|capacity)\b|\bwarranty (?:on|with|for) (?:the |your |a )?(?:new|used|certified|cpo|pre-?owned)\b|\bautomatic\b|\bmanual\b|\btrims?\b|\bfeatures?\b|\btowing capacity\b|\bcaptain'?s? chairs\b|\bbench\b|\bsunroof\b|\bmoonroof\b|\bcarplay\b|\bandroid auto\b|\bawd\b|\b[24]wd\b|\b4x4\b|\bhorsepower\b|\bcargo (?:space|room|capacity)\b|\bseating\b|\bwhat engine\b|\bengine (?:size|options?)\b|\bv[68]\b|\bcylinders?\b|\bcrew ?(?:cab|max)\b|\bdouble cab\b|\bbed (?:size|length)\b|\bcarfax\b|\b(?:used|new|certified|pre-?owned) (?:cars?|trucks?|suvs?|vehicles?)\b|\bwindow sticker\b|\bextended warrant\w*|\bpictures?\b|\bphotos?\b|\bvideo\b|\bgas or hybrid\b|\b[24] door\b/,
  },
  {
    department: "sales",
    intent: "paperwork",
    weight: 2,
    pattern:
      /\btitle\b(?! and)|\bplates\b|\btags\b|\bregistration\b|\bpaperwork\b|\bdeposit\b|\btemp (?:tag|plate)s?\b|\b(?:the|my|your) sales ?(?:man|person|guy|lady|rep|woman)\b|\bsalesperson\b/,
  },
  {
    department: "sales",
    intent: "sales_question",
    weight: 1,
    mention: true,
    pattern: /\bsales(?: man| person| rep| guy| team| department| manager)?\b/,
  },
  // finance
  {
    department: "finance",
    intent: "credit",
    weight: 3,
    pattern:
      /\bcredit(?: score| rating| history| app| application| check| report)?\b(?! card)|\bhard (?:or soft )?pull\b|\bsoft pull\b|\b\d{3} (?:credit )?score\b|\bscore\b/,
  },
  {
    department: "finance",
    intent: "payment",
    weight: 3,
    pattern:
      /\bpayments?\b|\bmonthly\b|\bper month\b|\$?\d+ (?:a|per) month\b|\bdown payment\b|\bput (?:[\w$]+ ){0,3}down (?:on|for)\b|\bput (?:\$?\d+k? )?down\b|\b\$?\d+k? down\b|\bmoney down\b|\bdue date\b/,
  },
  {
    department: "finance",
    intent: "lease",
    weight: 3,
    pattern: /\bleas(?:e|es|ing)\b|\bmoney factor\b|\bresidual\b|\bbuy ?out\b|\bmileage limit\b/,
  },
  {
    department: "finance",
    intent: "financing",
    weight: 3,
    pattern:
      /\bfinanc\w*|\bloans?\b|\blender\b|\bbank\b|\bcredit union\b|\bapr\b|\binterest\b|\brates?\b|\bco-?sign\w*|\bpre[- ]?approv\w*|\bpre[- ]?qualif\w*|\b(?:get|got|be|been|getting) (?:pre-?)?approved\b|\bapprove me\b|\bbankruptcy\b|\brepo(?:ssession)?\b|\bitin\b|\bseguro social\b|\bgap\b|\bbuy here pay here\b|\bbhph\b|\bin[- ]house financ\w*|\bupside down\b|\bnegative equity\b|\b0 ?%|\b\d+(?:\.\d+)? ?% (?:apr|interest|financing|rate|down)\b|\b(?:at|for|under|below|get|of) \d+(?:\.\d+)? ?%|\bqualif(?:y|ied|ication)\b|\bcollege grad\b|\bfirst[- ]time buyer\b|\bauto ?pay\b|\bpay (?:it |my loan |the loan |my car )?off\b|\bpayoff\b|\brefinanc\w*|\bprepayment\b|\bpenalty\b/,
  },
  {
    department: "finance",
    intent: "payment",
    weight: 3,
    pattern: /\bcar note\b|\bpay my (?:car|loan|lease|note|bill)\b|\bmake (?:a|my) payment\b|\bpay (?:it )?online\b/,
  },
  {
    department: "finance",
    intent: "financing",
    weight: 1,
    mention: true,
    pattern: /\bfinance (?:department|office|manager|guy)\b|\bbusiness office\b/,
  },
  // service
  {
    department: "service",
    intent: "service_booking",
    weight: 2,
    pattern:
      /\bappointments?\b|\bschedul\w*|\bbook(?:ing)?\b|\b(?:i|we) (?:can |could |will |'ll )?come in\b|\bcan (?:i|we) (?:just )?come in\b|\bcome in (?:for|at|on|tomorrow|today)\b|\bbring(?:ing)? (?:it|her|him|my \w+|the \w+) in\b|\bdrop (?:(?:it|her|him|my|the|our) )?(?:\w+ )?off\b|\b(?:key )?drop ?box\b|\bnext service\b|\bdue for\b|\buntil my next\b|(?<!dealer )\binvoice\b(?! (?:on|price|cost))|\bservice (?:records?|history)\b|\brepair history\b|\bdrop-?off\b|\bcita\b|\bget (?:it |my car )?in\b|\bopenings?\b|\bhave open\b/,
  },
  {
    department: "service",
    intent: "service_booking",
    weight: 2,
    pattern: /\breschedul\w*|\bmove my (?:service )?appointment\b|\bchange my appointment\b/,
  },
  {
    department: "service",
    intent: "maintenance",
    weight: 3,
    pattern:
      /\boil change\b|\bmaintenance\b|\btune[- ]?up\b|\b\d+k (?:mile )?service\b|\bmile service\b|\btire rotation\b|\brotat\w+|\balignments?\b|\binspections?\b|\btire pressure\b|\bbattery test\b|\bdiagnos\w*|\bcheck engine\b|\bengine light\b|\bwarning light\b|\blight (?:\w+ ){0,2}(?:on|lit)\b|\bcambio de aceite\b|\bsynthetic\b|\bconventional\b|\b[05]w-?[23]0\b|\bdetail(?:ing)?\b|\bcar wash\b|\bemissions\b|\bcoolant\b/,
  },
  {
    department: "service",
    intent: "maintenance",
    weight: 2,
    pattern: /\boil\b|\baceite\b|\btires?\b(?! kit| repair kit)/,
  },
  {
    department: "service",
    intent: "repair",
    weight: 2,
    pattern:
      /\brepairs?\b(?! kit)|\bfix(?:ed)?\b|(?<!(?:website|site|link|app|page|portal) is )\bbroken\b|\bwon'?t start\b|\bnoise\b|\bsqueak\w*|\bsqueal\w*|\bgrind\w*|\bleak\w*|\bshak(?:e|es|ing)\b|\bvibrat\w*|(?<!manual |automatic )\btransmission\b|(?<!what )\bengine\b(?! (?:size|options?))|\bshudder\w*|\bshift(?:s|ing)? (?:hard|rough|late)\b|\bwhen it shifts\b|\bsteering\b|\blocked up\b|\brattl\w*|\bfreez\w*|\bbeep\w*|\bchim(?:e|es|ing)\b|\bwarning\b|\bpremium gas\b|\bregular gas\b|\boctane\b|\bwhat (?:gas|fuel) (?:do|does|should)\b|\bglitch\w*|\bflicker\w*|\bbluetooth\b|\bnavigation\b|\bscreen\b|\binfotainment\b|\bkeeps? (?:\w+ing)\b|\btiming belt\b|\bbelts?\b|\bspark plugs?\b|\bstruts?\b|\bshocks\b|\bsuspension\b|\btow(?:ed)? (?:to|in)\b|\bcrash\w*|\baccident\b|\bcollision\b|\bbody ?work\b|\binsurance claim\b|\b(?:change|replace|flush) (?:my|the) (?:oil|tires|brakes|filter|belt|plugs|fluid|battery|wipers|bulb)\b|\bclunk\w*|\bwhin(?:e|es|ing|y)\b|\bknocking\b|\bengine knock\b|\bhumming\b|\bbuzz\w*|\bpull(?:s|ing)? (?:hard )?(?:to the )?(?:right|left)\b|\bwobbl\w*|\bdies\b|\bdied\b|\bwon'?t (?:crank|turn over)\b|\bturbo\b|\bwater pump\b|\balternator\b|\bstarter\b|\bradiator\b|\bbrakes?\b|\bbrake job\b|\bturns off\b|\bshuts? off\b|\bstall\w*|\bseiz\w+|\bspin out\b|\bsmoke\b|\bsmell\w*|\bslip(?:s|ping)?\b|\b(?:put|install\w*) (?:\w+ ){0,3}back on\b|\bforgot to (?:put|install|return|do|change|reset|rotate|tighten)\b|\bloaner\b|\boverheat\w*|\bwindshield\b|\bfog\w*|\bdefrost\w*|\bheater\b|\ba\/?c\b|\bscratch\w*|\bdents?\b|\bdamaged?\b|\bgrease\b|\badjuster\b|\blemon\b|\bfrenos\b|\bcheck (?:it|my car|the car) out\b|\blook at (?:it|my)\b|\bsafe to drive\b/,
  },
  {
    department: "service",
    intent: "repair",
    weight: 3,
    pattern:
      /\bin the shop\b|\b(?:you|you all|you guys|they) (?:lost|broke|damaged|scratched|dented) my\b|\b(?:never|didn't|did not) (?:approve|authorize)\w*|\bunauthorized\b|\bcharged (?:me|for)\b|\bmy (?:last )?bill\b|\binvoice says\b/,
  },
  {
    department: "service",
    intent: "service_status",
    weight: 2.5,
    pattern:
      /\b(?:is|be|it|are|will)\s+(?:[\w']+\s+){0,3}ready\b|\bready (?:for pick ?up|yet)\b|\b(?:is|be|it|car|truck|vehicle|suv)\s+(?:[\w']+\s+){0,3}done\b|\bdone yet\b|\bfinished\b|\bpick ?up\b|\bpickup\b|\bstatus\b|\bro\s*#?\s*\d+|\brepair order\b|\bhow long (?:will|does)\b|\bestimate\b|\bupdate on my\b|\bany update\b|\b(?:get|need|have) my (?:car|truck|vehicle|suv|van) back\b|\bdropped (?:(?:it|her|him|my|the|our) )?(?:\w+ )?off\b|\bcheck(?:ing)? on (?:my|the)\b/,
  },
  { department: "service", intent: "recall", weight: 3.5, pattern: /\brecalls?\b/ },
  {
    department: "service",
    intent: "service_history",
    weight: 2.5,
    pattern:
      /\blast (?:time|maintenance|service|visit|oil change)\b|\b(?:went|taken|took|was) (?:my car |it )?(?:to|at) the (?:shop|mechanics?)\b|\bservice (?:records?|history)\b|\brepair history\b|\bwhen did i (?:last |go|get|bring)\b/,
  },
  {
    department: "service",
    intent: "service_confirm",
    weight: 3.5,
    pattern:
      /\bconfirm\w* (?:(?:my|the|our|tomorrow'?s|today'?s|that|if|whether|i have|we have|there'?s) )?(?:\w+ ){0,3}(?:appointment|booking|reservation|drop ?off|oil change|service visit|alignment|inspection)\b|\bconfirm\w* (?:that )?(?:i'?m|i am|we'?re|we are) (?:still )?(?:booked|scheduled|down|on the schedule)\b|\b(?:do|did) (?:i|we) (?:still )?have an? (?:appointment|booking)\b|\b(?:what time|when|what day) is (?:my|our) (?:\w+ )?(?:appointment|booking|drop ?off)\b|\b(?:is|am) (?:my|i) (?:appointment )?(?:still )?(?:on|booked|scheduled|set)\b(?! (?:for|to) (?:buy|look))/,
  },
  {
    department: "service",
    intent: "service_cancel",
    weight: 3,
    pattern:
      /\bcancel (?:my|the|our|tomorrow'?s|today'?s) (?:service )?(?:appointment|oil change|service)\b|\bcancel (?:my|the) (?:\w+ ){0,2}appointment\b/,
  },
  {
    department: "service",
    intent: "repair",
    weight: 2,
    pattern:
      /\b(?:you|they|you all|you guys) (?:just )?(?:replaced|installed|fixed|repaired|rotated|changed|serviced|worked on)\b|\byou left my (?:car|truck|vehicle|suv|van)\b/,
  },
  { department: "service", intent: "service_question", weight: 1, pattern: /\bmy (?:car|truck|vehicle|suv|van)\b/ },
  // Spanish: "mi carro hace un ruido", "no arranca", "el taller"
  {
    department: "service",
    intent: "repair",
    weight: 2,
    pattern:
      /\bproblemas?\b|\bruidos?\b|\bfallas?\b|\bno (?:prende|arranca|enciende|funciona)\b|\breparar\b|\barreglar\b|\breparacion\b|\bmecanicos?\b|\btaller\b|\bluz de (?:motor|check|aceite|frenos)\b/,
  },
  {
    department: "service",
    intent: "service_question",
    weight: 1,
    pattern: /\bmi (?:carro|coche|auto|camioneta|troca|vehiculo)\b/,
  },
  {
    department: "service",
    intent: "warranty",
    weight: 3,
    pattern: /\bunder (?:the |my )?(?:\w+ )?warranty\b|\bwarranty (?:claim|repair|work)\b/,
  },
  {
    department: "service",
    intent: "service_question",
    weight: 3,
    pattern:
      /\bdo you (?:all |guys )?(?:work on|service|fix|repair)\b|\bdo you (?:all |guys )?do (?:oil|brakes?|alignments?|inspections?|detail\w*|tires?|repairs?|body ?work|paint|tint|warranty work|recalls?|state)\b|\bwork on (?:my|a|an|hondas?|fords?|chevys?|nissans?|kias?|hyundais?|toyotas?|jeeps?|other)\b/,
  },
  { department: "service", intent: "warranty", weight: 2, pattern: /\bwarrant\w*|\bpowertrain\b|\bcovered\b|\bvin\b/ },
  {
    department: "service",
    intent: "service_question",
    weight: 2,
    pattern:
      /\bmechanics?\b|\btech(?:nician)?s?\b|\bservice advisor\b|\badvisor\b|\bservice writer\b|\bserviceman\b|\bloaner\b|\bshuttle\b|\bwhile i wait\b|\b(?:isn'?t|not|stopped|doesn'?t|won'?t|quit|is not) work(?:ing)?\b|\bback ?up camera\b|\bcameras?\b|\bis it normal\b/,
  },
  {
    department: "service",
    intent: "service_booking",
    weight: 3,
    pattern:
      /\bcan (?:you|you all|you guys) (?:swap|replace|install|put|change|fix|check|look at|take a look|rotate|align|inspect|reprogram|program|reset|test|diagnose|recharge)\b|\bdo an? (?:alignment|oil change|inspection|rotation|detail|diagnostic|tune)\b/,
  },
  {
    department: "service",
    intent: "service_question",
    weight: 1.5,
    mention: true,
    pattern:
      /\bservice (?:department|dept|center|drive|manager|team|advisor|writer|bay|lane)\b|(?<!customer |your |appalling |terrible |bad |poor |great |good |excellent |awful |horrible )\bservice\b|\bbody shop\b|\bwalk[- ]?ins?\b|\bservicio\b/,
  },
  {
    department: "parts",
    intent: "parts_availability",
    weight: 1.5,
    mention: true,
    pattern: /\bparts (?:department|counter|desk)\b/,
  },
  // parts
  {
    department: "parts",
    intent: "parts_availability",
    weight: 3,
    pattern:
      /\bparts?\b(?! of| time| department| counter| desk)|\bpiezas\b|\brefacciones\b|\brepuestos?\b|\baccessor(?:y|ies)\b|\boem\b|\baftermarket\b|\bpart ?(?:#|number|no)|\b\d{5}-\w{5}\b/,
  },
  {
    department: "parts",
    intent: "parts_availability",
    weight: 1.5,
    pattern:
      /\b(?:spare|extra|new|replacement|second) keys?\b|\bkeys? (?:cut|made|programmed)\b|\bskid plates?\b|\bmounts?\b|\bracks?\b|\bbrackets?\b|\bsteps\b|\bchargers?\b|\breplacement\b|\btouch ?up paint\b|\bpaint pens?\b|\bcargo (?:cover|net|tray)s?\b|\bexhaust\b|\bassembl(?:y|ies)\b|\b(?:wiring )?harness\b|\bbrake controller\b|\breceiver\b|\btapetes\b|\bllantas\b|\bbateria\b|\bespejos?\b|\bplumas\b|\bfilters?\b|\bfiltros?\b|\bpartes\b|\bwiper(?: blade)?s?\b|\bkey fob\b|\bfob\b|\bkey remote\b|\breplacement key\b|\bmats?\b|\bliners?\b|\btonneau\b|\bcovers?\b|\bhitch\b|\broof rack\b|\bcross ?bars\b|\brunning boards?\b|\bmirror(?: cap)?\b|\bbulbs?\b|\bheadlights?\b|\btail ?lights?\b|\bgas cap\b|\bfuel cap\b|\bbatter(?:y|ies)\b(?! test| check| light)|\bpads\b|\brotors\b|\bspare tire\b|\blug nuts?\b|\bwheel locks?\b|\brims\b|\bwheels\b|\bsensors?\b|\bbumper\b|\bgrille\b|\bspoiler\b|\bsplash guards\b|\bmud flaps\b|\b(?:car|kids?|child|booster|baby) seats?\b|\bantenna\b|\bnerf bars\b|\blift kit\b|\bremote start\b/,
  },
  {
    department: "parts",
    intent: "parts_price",
    weight: 3,
    pattern:
      /\b(?:michelin|goodyear|bridgestone|firestone|pirelli|continental|bfgoodrich|bf goodrich|cooper|toyo|falken|yokohama|hankook|defenders?)\b|\b\d{3}\/\d{2}\s?z?r\s?\d{2}\b|\bset of (?:4|four)\b/,
  },
  {
    department: "parts",
    intent: "parts_order",
    weight: 2,
    pattern:
      /(?<!buyers? )\border(?:ed|s)?\b|\bship(?:ped|ping)?\b|\btracking\b|(?<!take )\bdeliver(?:y|ed)\b|\bcome in yet\b|\bback ?order\w*/,
  },
  {
    department: "parts",
    intent: "parts_return",
    weight: 2,
    pattern:
      /\breturn(?:ed|ing)? (?:a|the|an|this|my) (?:part|item)\b|\brefund\b|\breceipt\b|\bcounter\b|\bwholesale\b|\baccount\b|\bsold me\b/,
  },
  // general
  {
    department: "general",
    intent: "hours",
    weight: 3,
    pattern:
      /(?<!\d |\d|few |for |couple |an |after )\bhours\b(?! ago| later)|\b(?:what time|when) (?:do|does|are|is|will|on) (?:you|y'?all|the|your|it|service|parts|sales|finance|they)\b.{0,30}\b(?:open|opens|close|closes|closing)\b|\bwhat time (?:you|y'?all|the \w+) (?:open|close)\b|\b(?:are|is) (?:you|you all|you guys|the \w+(?: (?:department|dept|office|counter|desk|center|shop|lane|drive))?) (?:guys )?(?:still )?open\b|\bhow (?:late|early)\b.{0,40}\b(?:open|close|closes|closing|stay|staying)\b|\b(?:until|til|till) what time\b|\bhorarios?\b|\ba que hora (?:abren|cierran|abre|cierra)\b|\b(?:abren|cierran)\b|\b(?:esta|estan) abiert[oa]s?\b|\bopen (?:on|today|tomorrow|tonight|right now|now|late|sunday|saturday|this)\b|\bopens\b|\bopen\?|\bclos(?:e|es|ed|ing)\b(?! to| by)|\bweekend schedule\b|\bschedule for the\b|\bstop taking\b/,
  },
  {
    department: "general",
    intent: "hours",
    weight: 2,
    pattern: new RegExp(`\\b(?:open|closed?|hours)\\b.*\\b${HOLIDAYS}|\\b${HOLIDAYS}\\b.*\\b(?:open|closed?|hours)\\b`),
  },
  {
    department: "general",
    intent: "location",
    weight: 3,
    pattern:
      /\baddress\b|\blocated\b|\blocation\b|\bwhere (?:are|is) (?:you|you all|you guys|the dealership|your (?:store|dealership|lot|showroom))\b|\bwhat street\b|\bdirections?\b|\bhow (?:do|can|would) i get (?:to|there)\b|\bget there from\b|\bwhere exactly\b|\bnear the (?:highway|interstate|freeway)\b|\bfrom i-?\d+|\bnext to\b|\bclose to\b|\bpark\b|\bparking\b|\bwhich door\b|\bentrance\b|\bbus stop\b|\bdonde (?:estan|quedan)\b|\bubicacion\b|\bdireccion\b|\bi'?m (?:outside|here|in the lot)\b|\bnear the dealership\b/,
  },
  {
    department: "general",
    intent: "phone",
    weight: 3,
    pattern:
      /\bphone (?:number|#)\b|(?<!part |stock |vin |order |ro |model |real |actual |straight |honest |final |best |bottom |exact |ballpark |rough |firm |hard |solid )\bnumber (?:for|to) (?:the|your)\b|\bwhat'?s (?:the|your) number\b|(?<!real |actual |straight |final |best |bottom |exact )\bnumber (?:to (?:call|text|reach)|i can (?:call|text|reach))\b|(?<!part |stock |vin |order |ro |model |real |actual |straight |honest |final |best |bottom |exact |ballpark |rough |firm |hard |solid )\bnumber (?:for|to) (?:the |your )?(?:service|parts|sales|finance|body shop|dealership|store|office)\b|\bfax\b|\bcall (?:the|your) (?:service|parts|sales|finance|body shop)\b/,
  },
  {
    department: "general",
    intent: "greeting",
    weight: 1,
    pattern:
      /^(?:hi|hello|hey|hiya|howdy|yo|sup|hola|good (?:morning|afternoon|evening)|buenos dias|buenas(?: tardes)?|greetings)\b/,
  },
  {
    department: "general",
    intent: "thanks",
    weight: 2,
    pattern:
      /\bthanks\b|\bthank you\b|\bappreciate\b|\bgrateful\b|\bgracias\b|\bhelpful\b|\byou (?:all|guys) are (?:always )?(?:the best|awesome|great)\b/,
  },
  {
    department: "general",
    intent: "goodbye",
    weight: 2,
    pattern:
      /\bbye\b|\bgoodbye\b|\bsee (?:you|ya)\b|\blater\b|\btalk soon\b|\buntil next time\b|\bhave a (?:good|great|nice) (?:one|day|night|weekend)\b|\btake care\b|\badios\b/,
  },
  {
    department: "general",
    intent: "acknowledgement",
    weight: 1.5,
    pattern:
      /^(?:ok(?:ay)?|k|kk|sounds good|got it|cool|great|perfect|lol(?: ok)?|will do|i will check|alright|np|no problem|sure|yep|yes|yeah|nope|no|done)\b[^?]{0,25}$/,
  },
  {
    department: "general",
    intent: "identity",
    weight: 3,
    pattern: /\bwho (?:is|'s) this\b|\bwho are you\b|\bwhat is this\b|\bhow did you get my number\b/,
  },
  {
    department: "general",
    intent: "employment",
    weight: 4,
    pattern:
      /\bhiring\b|\blooking for (?:a )?(?:job|work)\b|\bjob (?:openings?|postings?|applications?)\b|\bany jobs?\b|\bjobs? available\b|\bcareers?\b|\bapply for (?:a|the) (?:job|position)\b|\bemployment\b|\b(?:tech|sales|porter|advisor|open) positions?\b|\bresume\b/,
  },
  {
    department: "general",
    intent: "amenities",
    weight: 3,
    pattern:
      /\bwi-?fi\b|\bwaiting (?:area|room)\b|\bcoffee\b|\brestrooms?\b|\bkids?\b (?:area|room)|\bplay area\b|\bcharging station\b|\bcharg(?:e|ing) (?:my )?phone\b|\boutlets?\b/,
  },
  {
    department: "general",
    intent: "complaint",
    weight: 1.5,
    pattern:
      /\bcomplaint\b|\bcomplain\w*|\bmember of your staff\b|\byour staff\b|\bcustomer (?:service|care)\b|\bmanagement\b|\bcorporate\b|\b(?:been|left|put|kept) on hold\b|\bcall back\b/,
  },
];

/** After "do you have", "how much", "in stock"…, a part noun means the customer wants to buy it. */
export const PARTS_BUYING =
  /\bbuy\b|\bsold me\b|\bi (?:bought|ordered)\b|\bhow much\b|\bprices?\b|\bcosts?\b|\bin stock\b|\bdo (?:you|you all|you guys) (?:have|carry|sell|stock)\b|\border\b|\bneed (?:a|an|new|the|some|\d)\b(?!\s*appointment)|\blooking for\b|\btienen\b|\bsell\b|\bcarry\b|\bwhat size\b|\bfits?\b/;
/** Visiting, without saying why: the vehicle (if any) decides the department. */
export const VISIT =
  /\bstop (?:by|in)\b|\bswing by\b|\bcome (?:by|out)\b|\bpop (?:by|in)\b|\b(?:i'?ll|i will|we'?ll|we will|i can|we can|i could) (?:be there|head (?:over|down|your way)|come over|come down)\b/;
/** Asking what is on the shelf without naming a vehicle: parts. */
export const SHELF = /\bdo (?:you|you all|you guys) (?:sell|carry|stock)\b|\bin stock\b|\bgot any\b/;
/** Availability words count for sales only when a vehicle is named. */
export const AVAILABILITY =
  /\bin stock\b|\bavailable\b|\bavailability\b|\bon (?:the|your) lot\b|\bstill (?:there|available|for sale|have it)\b|\bdo (?:you|you all|you guys) (?:have|carry|got)\b|\bwait ?list\b|\bget (?:one|it|them|some) in\b|\barriv\w+|\bget to your lot\b|\binventory\b|\bdisponibles?\b|\btienen\b|\bany \w+s? on the lot\b|\bstill for sale\b|\bwill it (?:still )?be there\b|\bhold (?:it|the|that|one)\b|\bstill on hold\b|\btake delivery\b|\bhow soon\b|\b(?:does|will|did|do|when) (?:the |a |an |it |they |one |new )?(?:[\w-]+ ){0,3}come in\b|\bcoming in\b|\bon the list\b/;
