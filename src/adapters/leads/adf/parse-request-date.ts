import { DateTime } from "luxon";

/**
 * An ADF <requestdate>, read leniently: ISO 8601 as the spec asks, plus what senders write in
 * practice ("2008-06-25T8:47:50" without a zero, "-08:0" for an offset, a space for the T,
 * "2/9/2020 6:26 PM"). Without an offset it is the dealership's local time. Undefined when it
 * cannot be read: the lead is still taken, the date is only informative.
 */
export function parseRequestDate(text: string | undefined, timezone: string): Date | undefined {
  if (!text) return undefined;
  const iso = text
    .trim()
    .replace(/^(\d{4}-\d{2}-\d{2})[ T](\d)(?=:)/, "$1T0$2")
    .replace(/^(\d{4}-\d{2}-\d{2}) (?=\d{2}:)/, "$1T")
    .replace(/([+-]\d{2}):?(\d)$/, "$1:0$2");
  const candidates = [
    DateTime.fromISO(iso, { zone: timezone }),
    DateTime.fromFormat(text.trim(), "M/d/yyyy h:mm a", { zone: timezone }),
    DateTime.fromFormat(text.trim(), "M/d/yyyy H:mm", { zone: timezone }),
    DateTime.fromRFC2822(text.trim(), { zone: timezone }),
  ];
  const parsed = candidates.find((d) => d.isValid);
  return parsed ? parsed.toJSDate() : undefined;
}
