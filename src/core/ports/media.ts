/** A picture or file Baton keeps: a customer's MMS file or a rep's attachment. */
export interface StoredMedia {
  id: string;
  conversationId: string;
  messageId?: string;
  direction: "inbound" | "outbound";
  contentType: string;
  fileName: string;
  size: number;
  createdAt: Date;
}

/** A stored file with its bytes: what a chat uploads or a link serves. */
export interface MediaFile extends StoredMedia {
  bytes: Uint8Array;
}

/** An inbound file as the SMS provider announced it: still at the provider, to be fetched. */
export interface ProviderMedia {
  url: string;
  contentType?: string;
}

/** An inbound file not fetched yet, or one that could not be: what the thread says instead of a picture. */
export interface UnshownMedia {
  id: string;
  messageId: string;
  status: "pending" | "refused" | "failed";
  /** Why it is not shown, for the rep (refused or failed). */
  error?: string;
}

/** A fetched file that failed a check, or a fetch that failed: `permanent` when trying again cannot help. */
export class MediaFetchError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = "MediaFetchError";
  }
}

/**
 * Where a provider keeps inbound MMS files (Twilio: Media URLs behind the account's credentials).
 * It fetches only from the provider's own host, and deletes a file there once Baton has it.
 */
export interface MediaSource {
  /**
   * The file's bytes and declared type; throws MediaFetchError (a host not the provider's is
   * permanent; `signal` aborting, as a time budget running out, is not).
   */
  fetch(url: string, maxBytes: number, signal?: AbortSignal): Promise<{ contentType: string; bytes: Uint8Array }>;
  delete(url: string): Promise<void>;
}

/** Signed, expiring links to stored files: what the provider fetches for an outbound MMS, what Teams shows. */
export interface MediaLinks {
  urlFor(mediaId: string): string;
}

export interface NewOutboundMedia {
  id: string;
  conversationId: string;
  position: number;
  contentType: string;
  fileName: string;
  bytes: Uint8Array;
  at: Date;
}

/** The files' rows (PostgreSQL bytea): every replica sees every file. */
export interface MediaStore {
  /** Inbound files of these messages not stored yet (pending), oldest message first. */
  pendingOf(
    messageIds: string[],
  ): Promise<Array<{ id: string; messageId: string; providerUrl: string; attempts: number }>>;
  /** Stores a fetched inbound file; false when it was no longer pending (another replica stored it). */
  storeFetched(
    id: string,
    file: { contentType: string; fileName: string; bytes: Uint8Array; at: Date },
  ): Promise<boolean>;
  /** A fetch that failed: `status` "pending" counts the attempt (tried again later), "refused"/"failed" are final. */
  markUnfetched(id: string, status: "pending" | "refused" | "failed", error: string): Promise<void>;
  /** A rep's files, before their text is recorded; a file id stored already is kept (a redelivered reply). */
  saveOutbound(files: NewOutboundMedia[]): Promise<void>;
  /** Stored files of these messages with their bytes, in message order; `newest`: only the last that many. */
  filesOf(messageIds: string[], options?: { newest?: number }): Promise<MediaFile[]>;
  /** Files of these messages not stored (pending, refused, failed). */
  unshownOf(messageIds: string[]): Promise<UnshownMedia[]>;
  /** The ids of a message's stored files, in order (an outbound MMS's links). */
  idsOf(messageId: string): Promise<string[]>;
  read(id: string): Promise<MediaFile | undefined>;
  /**
   * A stored file as its description and its bytes in pieces of at most `chunkBytes`, for serving it
   * without holding it whole (a Teams card's picture is fetched at every view).
   */
  open(id: string, chunkBytes: number): Promise<{ file: StoredMedia; chunks: AsyncIterable<Uint8Array> } | undefined>;
  /** Deletes files stored before `cutoff`, at most `limit`; returns how many. */
  deleteOlderThan(cutoff: Date, limit: number): Promise<number>;
}

/** The media ports and settings the core runs with; absent, texts carry a count of files and nothing more. */
export interface MediaPorts {
  store: MediaStore;
  /** The SMS provider's inbound files; absent, none is fetched (the sandbox and Twilio have one). */
  source?: MediaSource;
  /** Links the provider fetches an outbound MMS from; absent (no PUBLIC_URL), reps' files cannot be texted. */
  links?: MediaLinks;
  /** Delete an inbound file at the provider once Baton has it (MEDIA_DELETE_AT_PROVIDER). @default true */
  deleteAtProvider: boolean;
  /** Files older than this many days are deleted (MEDIA_RETENTION_DAYS). @default 90 */
  retentionDays: number;
  /** How long a text's answer waits for its files; what is still coming then is left to a job. */
  turnFetchBudgetMs: number;
}
