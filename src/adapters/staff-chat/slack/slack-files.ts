import { readCappedBody } from "../../fetch/read-capped-body.js";
import type { RepAttachment } from "../../../core/use-cases/media/take-rep-attachments.js";

/** A file on a Slack message event (`files`), as the Events API delivers it. */
export interface SlackEventFile {
  id?: string;
  /** "check_file_info": the event carries only the id (a file still processing, some shared channels). */
  file_access?: string;
  name?: string;
  mimetype?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
}

/**
 * A rep's files in Slack, downloaded with the bot token (the `files:read` scope) from Slack's file
 * host only: `files.slack.com`, `files.<host>` of SLACK_API_URL (GovSlack), or SLACK_API_URL's own
 * origin (a test's fake). The bot token never goes anywhere else.
 */
export class SlackFileDownloads {
  private readonly allowed: (url: URL) => boolean;

  constructor(
    private readonly botToken: string,
    /** files.info, for a file the event describes only by its id. */
    private readonly fileInfo: (id: string) => Promise<SlackEventFile | undefined>,
    apiUrl?: string,
  ) {
    const api = apiUrl ? new URL(apiUrl) : undefined;
    this.allowed = (url) =>
      (url.protocol === "https:" &&
        (url.hostname === "files.slack.com" || url.hostname === `files.${api?.hostname}`)) ||
      (api !== undefined && url.origin === api.origin);
  }

  /**
   * The event's files as attachments the core checks before anything is downloaded; a file the event
   * gives only by id is described by files.info first (one left undescribed is refused by type).
   */
  async attachmentsOf(files: SlackEventFile[] | undefined): Promise<RepAttachment[]> {
    const described = await Promise.all((files ?? []).map((file) => this.describe(file)));
    return described.map((file, i) => ({
      name: file.name || `file-${i + 1}`,
      contentType: file.mimetype ?? "",
      size: file.size ?? 0,
      download: (maxBytes: number) => this.download(file.url_private_download ?? file.url_private, maxBytes),
    }));
  }

  private async describe(file: SlackEventFile): Promise<SlackEventFile> {
    const known = file.url_private_download ?? file.url_private;
    if ((known && file.file_access !== "check_file_info") || !file.id) return file;
    return (await this.fileInfo(file.id).catch(() => undefined)) ?? file;
  }

  private async download(url: string | undefined, maxBytes: number): Promise<Uint8Array> {
    const target = url ? new URL(url) : undefined;
    if (!target || !this.allowed(target)) throw new Error("the file is not on Slack's file host");
    const response = await fetch(target, {
      headers: { authorization: `Bearer ${this.botToken}` },
      // Slack answers a sign-in page by redirect when the token lacks files:read: never followed.
      redirect: "manual",
      signal: AbortSignal.timeout(15_000),
    });
    if (response.status >= 300 && response.status < 400)
      throw new Error("Slack did not give the file: reinstall the app with the files:read scope");
    if (!response.ok) throw new Error(`Slack answered HTTP ${response.status}`);
    if ((response.headers.get("content-type") ?? "").startsWith("text/html"))
      throw new Error("Slack answered a sign-in page: reinstall the app with the files:read scope");
    const bytes = await readCappedBody(response, maxBytes);
    if (!bytes) throw new Error(`the file is over the ${maxBytes}-byte limit`);
    return bytes;
  }
}
