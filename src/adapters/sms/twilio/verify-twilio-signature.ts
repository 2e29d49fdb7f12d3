// The SDK's webhook module alone: the whole SDK (its REST client, axios) loads only when Twilio is configured.
import { validateRequest, validateRequestWithBody } from "twilio/lib/webhooks/webhooks.js";
import { signedUrlCandidates } from "./connection-overrides.js";

/** Form parameters as received; a key Twilio repeats arrives as an array. */
export type TwilioParams = Record<string, string | string[]>;

/**
 * Checks X-Twilio-Signature on a form-encoded webhook: base64(HMAC-SHA1(authToken, url + sorted key/value pairs)).
 * Delegates to the SDK's `validateRequest`, which also tries the URL with and without the default
 * port (:443 / :80), since Twilio may have signed either form, and compares in constant time.
 * The URL is also tried with the connection overrides the README gives (see connection-overrides.ts):
 * the fragment never reaches the server, so it cannot be read from the request.
 *
 * @param url the exact public URL Twilio called (PUBLIC_URL + path + query), not the one behind a proxy.
 * @param params every POST parameter received: Twilio adds new ones without notice and signs them all.
 * @see https://www.twilio.com/docs/usage/webhooks/webhooks-security
 */
export function isValidTwilioSignature({
  authToken,
  signature,
  url,
  params,
}: {
  authToken: string;
  signature: string | undefined;
  url: string;
  params: TwilioParams;
}): boolean {
  if (!signature || !authToken) return false;
  return signedUrlCandidates(url).some((candidate) => {
    try {
      return validateRequest(authToken, signature, candidate, params);
    } catch {
      // validateRequest parses the URL on its slow path; a malformed one is simply not valid.
      return false;
    }
  });
}

/**
 * Checks an `application/json` webhook: the signature covers the URL alone (no params), and the
 * URL's `bodySHA256` query parameter must equal the hex SHA-256 of the raw body.
 */
export function isValidTwilioJsonSignature({
  authToken,
  signature,
  url,
  rawBody,
}: {
  authToken: string;
  signature: string | undefined;
  url: string;
  rawBody: string;
}): boolean {
  if (!signature || !authToken) return false;
  try {
    return validateRequestWithBody(authToken, signature, url, rawBody);
  } catch {
    return false;
  }
}
