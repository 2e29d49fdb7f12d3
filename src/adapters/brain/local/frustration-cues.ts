/**
 * The vocabulary of an unhappy customer, on normalised text. STRONG: one is enough for a
 * person ("unacceptable"). GRIEVANCE: a concrete complaint, also enough on its own ("nobody
 * called me back", "you charged me 140"). WEAK: hints that only count together.
 */
export const LEGAL =
  /\blawyers?\b|\battorneys?\b|\blegal action\b|\bsue\b|\bsuing\b|\blawsuit\b|\bsmall claims\b|\bbbb\b|\bbetter business bureau\b|\breport (?:you|this|your)\b|\bconsumer protection\b|\blemon law\b|\bclass action\b|\bin court\b|\bchargeback\b|\bdispute the charge\b/;

export const STRONG: RegExp[] = [
  /\bworst\b|\bhorribl[ey]\b|\bterribl[ey]\b|\bawful\b|\bappall\w*|\bhorrendous\b|\blousy\b|\bgarbage\b|\btrash\b|\bclowns\b|\bidiots?\b|\bmorons?\b/,
  /\bridiculous\b|\bunacceptable\b|\bpathetic\b|\buseless\b|\b(?:are|is|such|what|total|complete) a joke\b|\bscam\w*|\brip ?off\b|\bripped (?:me )?off\b|\blied\b|\blying\b|\bliars?\b/,
  /\bincompetent\b|\bunprofessional\b|\bdisgust\w*|\boutrageous\b|\bshameful\b|\babsurd\b|\binsane\b|\bunbelievable\b|\bare you (?:kidding|serious)\b|\byou'?re kidding\b|\bhow dare\b/,
  /\bfurious\b|\bangry\b|\blivid\b|\bpissed\b|\bupset\b|\bannoyed\b|\birritated\b|\bmad\b(?! max)|\bfrustrat\w*|\bfed up\b|\bsick (?:and tired )?of\b|\bhad it with\b|\bdone with (?:you|this|your)\b/,
  /\bnever (?:coming|going) back\b|\bnever (?:buy|purchase|shop|go back|come back|recommend|use you)\w*|\blost (?:my|a) (?:business|customer)\b|\bwast(?:e|ing) (?:of )?(?:my )?(?:time|money)\b|\bdropped the ball\b|\blet (?:me|us) down\b|\bfell through the cracks\b|\bnot good enough\b|\b(?:dis|un)satisfied\b|\bdispleased\b|\bgetting nowhere\b|\btaking my business\b/,
  /\bbs\b|\bb\.s\.|\bwtf\b|\bwth\b|\bshit\w*|\bcrappy\b|sucks\b|\btotal mess\b|\bnightmare\b|\bdisappoint\w*|\bnot happy\b|unhappy|\bangryface\b/,
  /\bcomplaint\b|\bcomplain(?:ing|ed)?\b|\b(?:poor|bad|lousy|rude) (?:service|communication|job|work|experience|quality|customer service|follow ?up)\b|\bhow is (?:it|this|that) (?:possible|acceptable|ok|okay|legal)\b|\balmost (?:die|died|killed)\b|\bunsafe\b|\bdangerous\b|\bbad review\b|\b(?:one|1) star\b|\b(?:yelp|google) review\b|\bpost (?:this|about you)\b/,
];

export const GRIEVANCE: RegExp[] = [
  // Nobody answers, calls back or keeps a word
  /\bnobody\b|\b(?:you|you guys|you all|you people|they) (?:never|always)\b|\b(?:you|you guys|you all|they) (?:didn'?t|couldn'?t|won'?t even|can'?t even)\b|\bno one (?:has |ever )?(?:called|calls|told|tells|answer\w*|help\w*|got back|gets back|respond\w*|did|returned)\b|\bhaven'?t heard\b|\bnever (?:called|calls|heard|got back|gets back|responded|responds?|returned|showed|answers?|replie[ds]|followed up|follows up)\b/,
  /\bno (?:response|reply|answer|call ?back|call|update|word)\b|\bwhy (?:haven'?t|hasn'?t|didn'?t|won'?t|isn'?t|wasn'?t) (?:you|anyone|anybody|someone|somebody|my|it|the)\b|\bsaid (?:it|my [\w-]+|the [\w-]+) would be (?:ready|done|fixed|finished)\b|\b(?:been|keep) (?:texting|waiting|trying|calling) for (?:an|a|over|\d+)\b|\bwaiting (?:on|for) a call ?back\b|\b(?:been|left|put|kept|waiting|sitting) on hold\b|\bon hold (?:for|forever)\b|\bcan'?t (?:even )?(?:get a hold|get ahold|reach|get through|get anyone)\b|\b(?:isn'?t|not|never) (?:answering|responding|returning)\b/,
  /\b(?:was|were|i was|i'?ve been) promised\b|\byou promised\b|\b(?:was|were) supposed to\b|\bsupposed to (?:call|text|get back|be (?:done|ready|fixed|here|finished|covered))\b|\btold (?:me )?(?:someone|somebody|they|you) would\b/,
  // It keeps happening
  /\b\d+(?:st|nd|rd|th) ?(?:time|attempt|trip|visit)\b|\b(?:second|third|fourth|fifth) (?:time|trip|attempt|visit)\b|\b(?:asked|called|told|been|brought|taken|texted|emailed|came|come|back|in)\s+(?:\w+\s+){0,3}(?:\d|two|three|four|five|several|multiple) times\b|\blike (?:\d|two|three|four) times\b|\bkeeps? happening\b|\bsame (?:problem|issue|noise|rattle)\b|\bmismo (?:problema|ruido|falla)\b|\bsigue (?:fallando|igual|sin (?:arreglar|funcionar))\b|\btodavia no (?:esta|funciona|lo|la|me)\b/,
  /\bstill (?:not|no|hasn'?t|haven'?t|waiting|isn'?t|doesn'?t|happening|broken|leaking)\b|\bcame back on\b|\bagain and again\b|\brun ?around\b|\bjerk(?:ing)? me around\b|\bignor(?:e|ed|ing) (?:me|my)\b/,
  // Something went wrong on the store's side
  /\b(?:you|you all|they|your (?:tech|techs|technician|shop|guys|people|mechanic|service|team|staff)|someone)\s+(?:\w+\s+){0,2}(?:messed|screwed|broke|damaged|scratched|dented|cracked|lost|ruined|stained|forgot|overcharged|lied)\b|\byou left my\b/,
  // The store did, or failed to do, something: "they kept my car all day and didn't even…", "the oil cap wasn't put back on"
  /\b(?:you|you guys|you all|they|the (?:dealership|dealer|sales ?(?:person|man|guy|lady|rep)|advisor|tech|technician|shop|mechanic|finance (?:guy|manager|person|office)|manager|service (?:team|department|advisor))|(?:my|your) (?:\w+ )?(?:guy|team|staff|advisor|tech|sales ?(?:man|person|guy|rep)|finance (?:guy|manager|person)|people))\b.{0,40}\b(?:never|didn'?t|did not|forgot|won'?t|wouldn'?t|refused|ignored|kept|added|promised|messed|failed|saying no)\b/,
  /\b(?:wasn'?t|weren'?t|was not|were not|never (?:got|was|were)) (?:\w+ ){0,2}(?:put back|done|fixed|installed|replaced|returned|sent|delivered|cleaned|finished|completed|filled|told|called|informed|refunded|credited|tightened|reset)\b|\bhad no (?:gas|fuel|air|oil)\b|\bcharged (?:me )?(?:twice|double|two times|again)\b|\bwho'?s (?:paying|going to pay)\b/,
  /\b(?:bought|purchased|leased|picked (?:it |my \w+ )?up)\b.{0,60}\b(?:ago|last (?:week|month)|yesterday|days)\b.{0,80}\b(?:already|now|still|again|broke|leak\w*|light|slipping|noise|problem|issue|wrong)\b|\balready (?:broke|broken|leaking|on|making|having|acting)\b|\bbrand new (?:car|truck|suv|vehicle|\w+) (?:has|with|and|is)\b|\b(?:deposit|money) back\b|\bfixed for free\b|\bfrom the lot\b/,
  /\b(?:was|got|were|been|is) (?:\w+ )?(?:damaged|scratched|dented|broken into|hit|cracked|stolen|lost|keyed)\b|\b(?:dead|broken|leaking|doing it|happening|back|broke|out) again\b|\b(?:you|they) (?:just )?(?:replaced|fixed|installed|repaired|worked on|serviced)\b.{0,60}\b(?:again|still|already|broke|dead|stopped|worse)\b/,
  /\bcame back (?:with|worse)\b|\b(?:picked up|got) (?:my|it|the) (?:\w+ )?(?:back )?.{0,40}\b(?:scratch|dent|damage|grease|broken|missing|stain|crack)\w*|\bwasn'?t there before\b|\bgrease\b/,
  /\b(?:you|they|u|y'?all)\s+(?:\w+\s+)?(?:sent|gave|sold|ordered|installed|put) (?:me |us )?the wrong\b|\b(?:sent|gave|sold) me the wrong\b|\bwrong (?:pads|brake pads|size|model year)\b|\b(?:doesn'?t|didn'?t|does not|won'?t) fit\b|\brude\b/,
  // Money disputes
  /\bdouble the quote\b|\b(?:way |much |a lot )?more than (?:you |the |your |what you )?(?:estimated|estimate|quoted|quote|said|told)\b|\byou (?:said|told me|claimed) (?:you|it|they|it was|it'?d)\b.{0,20}\b(?:fixed|done|ready|covered|repaired)\b|\bovercharg\w*|\byou charged (?:me|\$?\d)|\bwhy (?:was|am) i (?:being )?charged\b|\b(?:i was|got|you) charged (?:me )?\$?\d+|\bcharged me\b|\bbill (?:was|is|came to|of) \$?\d+|\bbill for \$\d+|\bnever approved\b|\bdidn'?t (?:approve|authorize)\b|\bunauthorized\b|\bwithout (?:anyone |anybody |me |my )?(?:asking|approv\w+|ok|okay|permission|consent|calling|telling)\b/,
  /\bquoted (?:me )?\$?\d+.{0,60}\b(?:now|but)\b|\bsupposed to (?:be|cost) \$?\d+|\bnot (?:ok|okay|fair|right|acceptable)\b/,
  /\bshould (?:be )?cover\w*\b|\bsays? (?:it|they) (?:doesn'?t|don'?t|won'?t|isn'?t|aren'?t)\b|\bdenied\b|\brejected\b|\brefused\b|\b(?:isn'?t|not|won'?t|wouldn'?t) (?:be )?(?:covered|honou?r\w*)\b|\bwon'?t do anything\b/,
  // Orders and refunds
  /\bhasn'?t shipped\b|\bnever (?:shipped|arrived|came)\b|\bno tracking\b|\bstill no\b|\bwhere is it\b|\b(?:want|need|get|where'?s|status on|waiting (?:on|for)) (?:a |my |the )?refund\b|\bcase (?:open|#|number)\b/,
  // Kept waiting, stuck, stonewalled
  /\b(?:had|have|has) (?:had )?my (?:car|truck|vehicle|suv|van) (?:for )?(?:\d+|two|three|a few|several|over)\b|\bwhole (?:month|week)\b|\bit'?s been (?:\d+|two|three|four|five|a few|several|over a) (?:days|weeks|months|hours)\b|\bstill making (?:the|that|a) (?:noise|sound)\b|\b(?:scratch|dent|ding|chip|crack|stain|grease|damage)\w*\b.{0,40}\bafter (?:my|the|you|your)\b|\bpaid for (?:overnight|expedited|rush|express)\b|\bwhat the (?:heck|hell)\b|\bi'?m stuck\b|\bstranded\b/,
  // Broken word, doubled bill, worse than before, something wrong since a visit
  /\byou (?:said|told me|promised|quoted)\b.{0,30}\b(?:it'?s been|now|but|still|and it'?s)\b|\b(?:doubled|tripled)\b|\b(?:twice|double) (?:the|what)\b|\b\w+er\b.{0,40}\bthan (?:when|before|it was)\b|\bworse (?:than|now|after|since)\b|\btaking (?:forever|too long|so long|ages)\b|\b(?:took|takes|been|waiting) forever\b|\bno return(?:ed)? calls?\b|\b(?:voicemails?|messages|emails|calls) (?:and|but) (?:no|nothing|nobody)\b/,
  /\b(?:since|after) (?:the|my|you|your|u) (?:\w+ ){0,2}(?:oil change|service|repair|visit|appointment|brake job|replaced|fixed|worked|changed|installed|rotation|detail)\w*\b.{0,40}\b(?:you|still|broken|leak\w*|worse|all over|not working|isn'?t|won'?t|stopped working)\b|\b(?:still|all over|not working|isn'?t|won'?t|stopped working|broken|leak\w*|worse)\b.{0,40}\b(?:since|after) (?:the|my|you|your|u) (?:\w+ ){0,2}(?:oil change|service|repair|visit|appointment|brake job|replaced|fixed|worked|changed|installed|rotation|detail)\w*\b/,
  /\bspecifically (?:asked|said|told)\b|\b(?:been waiting|waited|waiting) (?:for )?(?:over |more than |almost |nearly )?(?:an?|\d+|two|three|four|several) (?:hour|hours|days|weeks)\b|\bpast my appointment\b|\b(?:was|were) told\b.{0,60}\bwould\b|\b(?:can'?t|cannot|can not|couldn'?t|won'?t|not) fix\b|\bdidn'?t (?:even )?fix\b|\b(?:doesn'?t|does not|didn'?t|not) (?:really )?help(?:ful|ing)?\b|\bjust answer\b|\banswer my question\b|\b(?:can'?t|cannot|can not) help me\b|\bnot what i (?:want|wanted|asked|need|meant)\b|\b(?:leading|going|getting) (?:to )?nowhere\b|\bleading to nothing\b|\b(?:that|this|it) (?:doesn'?t|does not|didn'?t|did not) (?:help|answer)\b|\bnot helping\b|\byou (?:don'?t|do not) (?:get it|understand)\b|\bthat'?s it\?|\bnothing else\?|\balready (?:told|asked|said)\b|\bnot listening\b|\byou'?re not (?:understanding|listening|helping|getting it|reading)\b|\bnot understanding me\b/,
  // Praise around a failure is sarcasm, not thanks: "thanks a lot, it died on the freeway again", "great, another 3 weeks for a part"
  /\b(?:thanks a lot|thanks for nothing|great job|nice job|good job|way to go|bravo|love (?:how|that|it when)|so glad|just great|just perfect|real(?:ly)? (?:great|nice)|fantastic|wonderful|awesome|amazing|lovely|brilliant|perfect|great|5 stars?|five stars?)\b[^.?]{0,60}?\b(?:(?:died|broke(?: down)?|stalled|leaking|doing (?:it|that)|acting up|making (?:that|the|a) (?:\w+ )?noise|came (?:back|loose|off)|lights? (?:is |are )?(?:back )?on|not working) again|yet again|another (?:\w+ )?(?:week|weeks|month|months|day|days|delay|excuse)|still (?:waiting|not (?:fixed|here|done|ready|working)|no (?:word|call|update|part)|broken|leaking|on back ?order)|forever|(?<!\b(?:in|within|every|after|back in) )(?:\d+|two|three|four|five|six|few|several) (?:more )?(?:weeks|months|days) (?:for|to get|waiting|wait|on|just)|died|stalled|broke down|charg\w* (?:me )?twice|double charg\w*|back ?order\w*|never (?:called|showed|answered|came))\b/,
  /\b(?:(?:died|broke(?: down)?|stalled|leaking|doing (?:it|that)|acting up|making (?:that|the|a) (?:\w+ )?noise|came (?:back|loose|off)|lights? (?:is |are )?(?:back )?on|not working) again|yet again|another (?:\w+ )?(?:week|weeks|month|months|day|days|delay|excuse)|still (?:waiting|not (?:fixed|here|done|ready|working)|no (?:word|call|update|part)|broken|leaking|on back ?order)|forever|(?<!\b(?:in|within|every|after|back in) )(?:\d+|two|three|four|five|six|few|several) (?:more )?(?:weeks|months|days) (?:for|to get|waiting|wait|on|just)|died|stalled|broke down|charg\w* (?:me )?twice|double charg\w*|back ?order\w*|never (?:called|showed|answered|came))\b[^.?]{0,40}?\b(?:thanks a lot|thanks for nothing|great job|nice job|way to go|bravo|love it|so glad|just great|just perfect|wonderful|awesome|amazing|lovely|brilliant|clap)\b/,
  // Trouble with the store's own work: "the remote start y'all installed drains my battery"
  /\b(?:you all|you guys|y'?all|yall|you|u|they|your (?:tech|techs|shop|guys))\s+(?:just\s+)?(?:installed|put in|put on|added|replaced|fixed|did|wired)\b.{0,40}\b(?:drain\w*|dead|died|kill\w*|broke\w*|leak\w*|stopped|won'?t|doesn'?t|not working|rattl\w*|fell (?:off|out)|loose|cracked|melted|shorted)\b/,
  // Sarcasm with no angry word: "2 hrs for a 45 minute oil change. cool cool cool"
  /\bcool cool\b|\bgreat,? just great\b|\blove that for me\b|\bcare to explain\b/,
  // Answering only now, or leaving for a competitor: "oh NOW you answer", "guess I'll go to the Honda store then"
  /\b(?:oh|so|and) now (?:you|someone|somebody) (?:answer|reply|respond|text|call)s?\b|\bnow (?:you|u) (?:answer|reply|respond)\b|\b(?:guess |then |fine,? )?i'?ll (?:just )?(?:go|take my (?:business|money)|buy|shop|get (?:it|one)) (?:to |at |from |with )?(?:somewhere else|elsewhere|another (?:dealer|dealership|store)|the (?:\w+ )?(?:dealer|dealership|store) (?:down|across|then)|the \w+ (?:store|dealer|dealership) then|carmax|carvana)\b|\bbuy(?:ing)? (?:it |one )?(?:somewhere else|elsewhere)\b/,
];

export const WEAK: [RegExp, string][] = [
  [/\bagain\b/, "again"],
  [/\?\?|!!/, "punctuation"],
  [/\bbeen waiting\b|\bwaiting\b/, "waiting"],
  [/\bevery time\b|\btwice\b/, "repeated"],
  [
    /\bwhy (?:did|didn'?t|haven'?t|hasn'?t|isn'?t|wasn'?t|is there|was there|would you|do you guys|does it take|the)\b|\bhow come\b/,
    "why",
  ],
  [
    /\bafter (?:my|the|your) (?:service|repair|visit|oil change|appointment)\b|\bever since\b|\bsince you\b/,
    "after a visit",
  ],
  [/\bexplain\b|\bwhich is it\b|\bcaused\b|\bseriously\b|\bsmh\b|\bugh\b|\beyeroll\b/, "pointed"],
  [/\b(?:\d+|two|three|several|few) (?:hours|days|weeks|months) (?:now|ago)\b/, "time passed"],
];

export const CALMING = /\blol\b|\bno worries\b|\bno rush\b|\bthanks\b/;
