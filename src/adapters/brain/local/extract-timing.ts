import { DateTime } from "luxon";

/** When the customer wants to come, in their words and resolved in the store's time zone. */
export interface TimingFinding {
  timing?: string;
  /** ISO 8601: a date-time with offset when a time was given, else a date. */
  timingAt?: string;
}

interface Span {
  index: number;
  text: string;
  /** How to say it back when the customer's words would mislead ("I work until 5" → "after 5"). */
  label?: string;
}

const WEEKDAYS: [RegExp, number][] = [
  [/monday|lunes|\bmon\b/, 1],
  [/tuesday|martes|\btues?\b/, 2],
  [/wednesday|miercoles|\bweds?\b/, 3],
  [/thursday|jueves|\bthu(?:rs?)?\b/, 4],
  [/friday|viernes|\bfri\b/, 5],
  [/saturday|sabado|\bsat\b/, 6],
  [/sunday|domingo|\bsun\b/, 7],
];
const DAY_WORD =
  /\b(?:(next|this|on|by|til|until|before|after|el|este|proximo)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|miercoles|jueves|viernes|sabado|domingo|mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun)\b(?:\s+(?=morning|afternoon|evening|night|at\b|around\b|after\b|before\b|\d))?/;
const ABBREVIATION = /^(?:mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun)$/;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const PART_OF_DAY: [RegExp, number][] = [
  [/\bmorning\b|\bpor la manana\b/, 9],
  [/\bnoon\b|\blunch(?:time)?\b|\bmidday\b/, 12],
  [/\bafternoon\b|\bpor la tarde\b/, 13],
  [/\bevening\b|\bafter work\b|\bafter (?:i get|i'?m) off\b|\bafter my shift\b|\bonce i'?m off\b/, 17],
  [/\btonight\b|\bnight\b/, 18],
];
const CLOCK =
  /\b(?:(at|@|around|about|by|after|before|from|til|till|until|between|like|a las)\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?![a-z])(?!\s*(?:mm|k\b|miles|mi\b|hours|minutes|days|weeks|months|years|%|in\b|inch|\/|,\d|\.\d|x\b|door|row|month|speed|cyl))/g;

function findDay(text: string, now: DateTime): { day?: DateTime; span?: Span } {
  const simple: [RegExp, number][] = [
    [/\bday after tomorrow\b/, 2],
    [/\btomorrow\b|\bmanana\b(?! (?:en la|por))/, 1],
    [/\btoday\b|\btonight\b|\bthis (?:morning|afternoon|evening)\b|\bhoy\b/, 0],
  ];
  for (const [pattern, offset] of simple) {
    const m = pattern.exec(text);
    if (m) return { day: now.plus({ days: offset }), span: { index: m.index, text: m[0] } };
  }
  const weekend = /\b(?:this |next |on the )?weekend\b|\bfin de semana\b/.exec(text);
  if (weekend) {
    const ahead = now.weekday >= 6 && !weekend[0].startsWith("next") ? 0 : (6 - now.weekday + 7) % 7 || 7;
    return { day: now.plus({ days: ahead }), span: { index: weekend.index, text: weekend[0] } };
  }
  if (/\bnext week\b/.test(text)) {
    const m = /\bnext week\b/.exec(text)!;
    return { day: now.plus({ weeks: 1 }).startOf("week"), span: { index: m.index, text: m[0] } };
  }
  const named = DAY_WORD.exec(text);
  if (named && (!ABBREVIATION.test(named[2]!) || named[1] || /\s$/.test(named[0]))) {
    const weekday = WEEKDAYS.find(([p]) => p.test(named[2]!))![1];
    let ahead = (weekday - now.weekday + 7) % 7;
    if (named[1] === "next" || named[1] === "proximo") ahead = weekday - now.weekday + 7;
    return { day: now.plus({ days: ahead }), span: { index: named.index, text: named[0].trim() } };
  }
  const numeric = /\b(\d{1,2})\/(\d{1,2})\b(?!\/)/.exec(text);
  const written = new RegExp(`\\b(${MONTHS.join("|")})[a-z]*\\.? (\\d{1,2})(?:st|nd|rd|th)?\\b`).exec(text);
  const date = numeric
    ? { m: Number(numeric[1]), d: Number(numeric[2]), span: numeric }
    : written
      ? { m: MONTHS.indexOf(written[1]!) + 1, d: Number(written[2]), span: written }
      : undefined;
  if (date && date.m >= 1 && date.m <= 12 && date.d >= 1 && date.d <= 31) {
    let day = now.set({ month: date.m, day: date.d });
    if (day.isValid && day < now.startOf("day")) day = day.plus({ years: 1 });
    if (day.isValid) return { day, span: { index: date.span.index, text: date.span[0] } };
  }
  return {};
}

/**
 * "I work until 5", "I get off at 4:30", "my shift ends at 6": the customer's own schedule, not a
 * time they ask for. It says when they are free, so it reads as "after 5", and only when the text
 * names no time of its own and does name a day.
 */
const OWN_SCHEDULE =
  /(?<!\b(?:after|before) )\b(?:work|works|working|shift|shift ends|class|school|get off|gets off|getting off|i'?m off|i am off|off work|off of work)\s*$/;

function findTime(text: string, scheduleCounts: boolean): { hour: number; minute: number; span: Span } | undefined {
  let freeAfter: { hour: number; minute: number; span: Span } | undefined;
  for (const m of text.matchAll(CLOCK)) {
    const [, lead, h, min, meridiem] = m;
    if (!lead && !meridiem && !min) continue;
    let hour = Number(h);
    const minute = min ? Number(min) : 0;
    if (hour > 23 || minute > 59 || (!min && hour > 12) || (meridiem && hour > 12) || hour === 0) continue;
    if (meridiem?.startsWith("p") && hour < 12) hour += 12;
    else if (meridiem?.startsWith("a") && hour === 12) hour = 0;
    else if (!meridiem && hour >= 1 && hour <= 6) hour += 12; // "after 5", "around 4": the store is open in the afternoon, not at dawn
    const span = { index: m.index!, text: m[0].trim() };
    if (OWN_SCHEDULE.test(text.slice(0, m.index))) {
      freeAfter ??= {
        hour,
        minute,
        span: { ...span, label: `after ${h}${min ? `:${min}` : ""}${meridiem ? ` ${meridiem}` : ""}` },
      };
      continue;
    }
    return { hour, minute, span };
  }
  if (freeAfter && scheduleCounts) return freeAfter;
  for (const [pattern, hour] of PART_OF_DAY) {
    const m = pattern.exec(text);
    if (m) return { hour, minute: 0, span: { index: m.index, text: m[0] } };
  }
  return undefined;
}

export function extractTiming(text: string, zone: string, now: Date): TimingFinding {
  const local = DateTime.fromJSDate(now, { zone });
  if (!local.isValid) return {};
  const { day, span: daySpan } = findDay(text, local);
  // "I work until 5" with no day is when they are busy, not a visit: only "Tuesday, I work until 5" sets a time.
  const time = findTime(text, !!day);
  const spans = [daySpan, time?.span].filter((s): s is Span => !!s).sort((a, b) => a.index - b.index);
  if (spans.length === 0) return {};
  const relabelled = spans.some((s) => s.label);
  const timing =
    !relabelled && spans.length === 2 && spans[1]!.index - (spans[0]!.index + spans[0]!.text.length) <= 12
      ? text.slice(spans[0]!.index, spans[1]!.index + spans[1]!.text.length)
      : spans.map((s) => s.label ?? s.text).join(" ");

  if (!time) return { timing, timingAt: day!.toISODate()! };
  let at = (day ?? local).set({ hour: time.hour, minute: time.minute, second: 0, millisecond: 0 });
  if (!day && at <= local) at = at.plus({ days: 1 });
  if (day && daySpan && DAY_WORD.test(daySpan.text) && at < local) at = at.plus({ weeks: 1 });
  return { timing, timingAt: at.toISO({ suppressMilliseconds: true })! };
}

/** The day a text names ("tomorrow", "Sat", "6/14"), in the store's zone; undefined if none. */
export function resolveDay(text: string, zone: string, now: Date): DateTime | undefined {
  const local = DateTime.fromJSDate(now, { zone });
  return local.isValid ? findDay(text, local).day : undefined;
}
