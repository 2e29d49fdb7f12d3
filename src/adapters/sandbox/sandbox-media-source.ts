import { randomUUID } from "node:crypto";
import { megabytes } from "../../core/media/media-rules.js";
import { MediaFetchError, type MediaSource } from "../../core/ports/media.js";

const URL_PREFIX = "sandbox-media:";

/**
 * The simulated carrier's store of the files a sandbox phone attached to a text, in place of
 * Twilio's Media URLs: the phone route adds them, Baton fetches each through the MediaSource port
 * and deletes it once stored. In memory only: after a restart, a file not fetched yet is gone (and
 * the thread says it could not be fetched).
 */
export class SandboxMediaSource implements MediaSource {
  private readonly files = new Map<string, { contentType: string; bytes: Uint8Array }>();

  /** Keeps a file the phone attached; returns the link Baton is given, as Twilio's MediaUrlN. */
  add(contentType: string, bytes: Uint8Array): string {
    const url = `${URL_PREFIX}${randomUUID()}`;
    this.files.set(url, { contentType, bytes });
    return url;
  }

  async fetch(url: string, maxBytes: number): Promise<{ contentType: string; bytes: Uint8Array }> {
    const file = this.files.get(url);
    // Never anything else: a link that is not the sandbox's own is as permanent as Twilio's foreign host.
    if (!file)
      throw new MediaFetchError(
        url.startsWith(URL_PREFIX)
          ? "the simulated phone no longer has this file (Baton restarted before fetching it)"
          : "not a file of the simulated phone",
        true,
      );
    if (file.bytes.byteLength > maxBytes)
      throw new MediaFetchError(
        `the file is ${megabytes(file.bytes.byteLength)}, over the ${megabytes(maxBytes)} limit`,
        true,
      );
    return { contentType: file.contentType, bytes: file.bytes };
  }

  async delete(url: string): Promise<void> {
    this.files.delete(url);
  }

  /** How many files wait to be fetched (the page's tests look). */
  get size(): number {
    return this.files.size;
  }
}
