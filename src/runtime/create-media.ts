import type { PrismaClient } from "../adapters/store/prisma/generated/client.js";
import { PrismaMediaStore } from "../adapters/store/prisma/prisma-media-store.js";
import { sharedSecret } from "../adapters/store/prisma/shared-secret.js";
import type { Config } from "../config/config.js";
import type { Clock } from "../core/ports/clock.js";
import type { MediaPorts, MediaSource } from "../core/ports/media.js";
import { SignedMediaLinks } from "../http/media/signed-media-links.js";

/** How long a text's answer waits for its pictures before leaving the rest to a job. */
const TURN_FETCH_BUDGET_MS = 10_000;

export interface Media {
  ports: MediaPorts;
  /** Signs (for the SMS provider, MEDIA_URL_TTL) and checks /media links; absent without PUBLIC_URL (and outside the sandbox). */
  links?: SignedMediaLinks;
  /** The same links for a staff chat to show (MEDIA_CHAT_URL_TTL): a rep may read the thread tomorrow. */
  chatLinks?: SignedMediaLinks;
}

/**
 * Files in the database, fetched from the SMS provider (Twilio, or the sandbox's phone) and served
 * at signed links under PUBLIC_URL (same-origin links in the sandbox, whose page is the provider).
 */
export async function createMedia(
  config: Config,
  io: { prisma: PrismaClient; clock: Clock; sandboxSource?: MediaSource; turnFetchBudgetMs?: number },
): Promise<Media> {
  const baseUrl = io.sandboxSource ? "" : config.publicUrl;
  const secret = config.media.urlSecret ?? (await sharedSecret(io.prisma, "media_url_secret"));
  const signer = (ttlMs: number) =>
    baseUrl !== undefined ? new SignedMediaLinks(secret, baseUrl, ttlMs, io.clock) : undefined;
  const links = signer(config.media.urlTtlMs);
  const source = io.sandboxSource ?? (config.twilio ? await twilioMediaSource(config.twilio) : undefined);
  return {
    links,
    chatLinks: signer(config.media.chatUrlTtlMs),
    ports: {
      store: new PrismaMediaStore(io.prisma),
      source,
      links,
      deleteAtProvider: config.media.deleteAtProvider,
      retentionDays: config.media.retentionDays,
      turnFetchBudgetMs: io.turnFetchBudgetMs ?? TURN_FETCH_BUDGET_MS,
    },
  };
}

/** Twilio's SDK, loaded only when Twilio is configured (see pick-sms-sender.ts). */
async function twilioMediaSource(twilio: NonNullable<Config["twilio"]>): Promise<MediaSource> {
  const [{ TwilioMediaSource }, { createTwilioClient }] = await Promise.all([
    import("../adapters/sms/twilio/twilio-media-source.js"),
    import("../adapters/sms/twilio/redirecting-request-client.js"),
  ]);
  return new TwilioMediaSource(createTwilioClient(twilio), twilio);
}
