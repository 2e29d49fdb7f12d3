/**
 * How a dealership follows up: when it may text, how fast, how often it nudges, and how long a
 * customer may wait for a person. Durations are milliseconds; times of day are minutes after
 * local midnight in the dealership's own time zone.
 */
export interface SendingWindow {
  /** Minutes after local midnight when automated texts may start. @default 480 (08:00) */
  startMinute: number;
  /** Minutes after local midnight when they stop. @default 1260 (21:00) */
  endMinute: number;
}

export interface FollowUpSettings {
  /** TCPA: automated texts only inside this local window. */
  sendingWindow: SendingWindow;
  /** Automated texts per minute for one dealership; a backlog is spread at this rate. @default 30 */
  smsRatePerMinute: number;
  /** Delays after the AI's question, one nudge each; the length is the cap per silence. @default 4h, 1d, 3d */
  nudgeCadenceMs: number[];
  /** The owner is reminded when a customer waited this long for them; null: never. @default 15m */
  repReplyReminderMs: number | null;
  /** Reminders before an appointment. @default 24h, 2h */
  appointmentRemindersMs: number[];
  /** A handoff unclaimed for this long (business time) is escalated; again at 3×. @default 5m */
  claimTargetMs: number;
  /** Local time of the manager digest, minutes after midnight; null: no digest. @default 1080 (18:00) */
  digestMinute: number | null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const DEFAULT_FOLLOW_UP_SETTINGS: FollowUpSettings = {
  sendingWindow: { startMinute: 8 * 60, endMinute: 21 * 60 },
  smsRatePerMinute: 30,
  nudgeCadenceMs: [4 * HOUR, DAY, 3 * DAY],
  repReplyReminderMs: 15 * MINUTE,
  appointmentRemindersMs: [DAY, 2 * HOUR],
  claimTargetMs: 5 * MINUTE,
  digestMinute: 18 * 60,
};

/** At most three nudges per silence, whatever the configuration says. */
export const MAX_NUDGES_PER_SILENCE = 3;

const UNIT_MS: Record<string, number> = { s: 1000, m: MINUTE, h: HOUR, d: DAY, w: 7 * DAY };

/** "90s", "30m", "4h", "3d", "2w", "1d12h" → milliseconds; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const compact = text.trim().toLowerCase().replace(/\s+/g, "");
  if (!/^(\d+[smhdw])+$/.test(compact)) return undefined;
  let total = 0;
  for (const [, amount, unit] of compact.matchAll(/(\d+)([smhdw])/g)) total += Number(amount) * UNIT_MS[unit!]!;
  return total > 0 ? total : undefined;
}

/** "4h, 1d, 3d" → [ms…]; "off" or "" → []; undefined when an item is not a duration. */
export function parseDurationList(text: string): number[] | undefined {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === "" || trimmed === "off" || trimmed === "none") return [];
  const items = trimmed.split(",").map(parseDuration);
  return items.every((ms) => ms !== undefined) ? (items as number[]) : undefined;
}

/** "08:00" → 480; undefined unless HH:MM on a 24-hour clock. */
export function parseClockTime(text: string): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** "08:00-21:00" → a window; undefined unless both ends parse and the start comes first. */
export function parseSendingWindow(text: string): SendingWindow | undefined {
  const [start, end, ...rest] = text.split("-");
  if (rest.length > 0 || start === undefined || end === undefined) return undefined;
  const startMinute = parseClockTime(start);
  const endMinute = parseClockTime(end);
  if (startMinute === undefined || endMinute === undefined || startMinute >= endMinute) return undefined;
  return { startMinute, endMinute };
}

export function formatClockTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}
