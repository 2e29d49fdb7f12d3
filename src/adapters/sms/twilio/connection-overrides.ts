/**
 * The connection overrides Baton's README puts on the SMS webhook URL, as Twilio reads them from
 * the URL's fragment: retry up to 5 times (`rc`, 0–5) after any failure (`rp=all`: a 4xx or 5xx
 * answer, the connection failing, no answer in time). Without them Twilio does not retry a 500, and
 * a text that arrives while the database is down is lost. All attempts together must fit in
 * Twilio's total time (`tt`, at most 15 s): they cover a restart or a failover, not a long outage.
 * Retrying is safe: Baton stores a text once per MessageSid.
 * @see https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides
 */
export const TWILIO_CONNECTION_OVERRIDES = "#rc=5&rp=all";

/**
 * The URLs Twilio may have signed for a request received at `url`: a fragment never reaches the
 * server, and whether Twilio's signature covers it is not documented, so both are accepted.
 */
export function signedUrlCandidates(url: string): string[] {
  return [url, url + TWILIO_CONNECTION_OVERRIDES];
}
