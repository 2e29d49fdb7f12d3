import type { Attachment, TurnContext } from "botbuilder";
import type { RepAttachment } from "../../../core/use-cases/media/take-rep-attachments.js";
import { connectorOf } from "./post-activity.js";
import { readCappedBody } from "../../fetch/read-capped-body.js";

/**
 * The bot's credentials as botbuilder keeps them on the turn's ConnectorClient: an AppCredentials
 * (MicrosoftAppCredentials for a SingleTenant app with a secret) whose `getToken()` gives the
 * cached Bot Framework token every reply is posted with. In emulator mode they are
 * `MicrosoftAppCredentials.Empty`, with no app id and no token (botframework-connector's own check,
 * `shouldSetToken`, is the same).
 */
interface BotCredentials {
  appId?: string | null;
  getToken?(forceRefresh?: boolean): Promise<string>;
}

/**
 * Where the bot's token may go: the activity's own Bot Connector (its `serviceUrl` origin) and,
 * over https on the default port, the hosts Teams keeps message content on:
 * - `smba.trafficmanager.net`: the Teams Bot Connector (`…/v3/attachments/{id}/views/original`).
 *   Only this name: any Azure customer can create `<name>.trafficmanager.net`.
 * - `*.teams.microsoft.com` (the async media gateway, GCC's `smba.infra.gcc.teams.microsoft.com`),
 *   `*.skype.com` (`us-api.asm.skype.com` object store, `botapi.skype.com`) and
 *   `*.botframework.com`: Microsoft's own domains, where no one else gets a subdomain.
 * Any other address (a link someone pasted, a forged activity) is refused before the token is read.
 */
const TEAMS_HOST = /(?:^|\.)(?:teams\.microsoft\.com|skype\.com|botframework\.com)$/i;
const CONNECTOR_HOST = "smba.trafficmanager.net";
const TIMEOUT_MS = 15_000;
const MAX_REDIRECTS = 3;

/** Files Teams keeps in SharePoint/OneDrive (the paperclip): a link the bot's token cannot open. */
const SHAREPOINT_FILE_TYPES = new Set(["reference", "application/vnd.microsoft.teams.file.download.info"]);
/** A SharePoint file's type by its name, so the core's rules speak of a PDF as a PDF. */
const TYPE_BY_EXTENSION: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  heic: "image/heic",
  pdf: "application/pdf",
  vcf: "text/vcard",
};

export function mayCarryBotToken(url: URL, serviceUrl: string | undefined): boolean {
  if (url.username || url.password) return false;
  if (serviceUrl && URL.canParse(serviceUrl) && url.origin === new URL(serviceUrl).origin) return true;
  return (
    url.protocol === "https:" &&
    url.port === "" &&
    (url.hostname.toLowerCase() === CONNECTOR_HOST || TEAMS_HOST.test(url.hostname))
  );
}

const isImage = (a: Attachment) => (a.contentType ?? "").toLowerCase().startsWith("image/") && !!a.contentUrl;

/**
 * A thread reply's files as the core takes them. Images pasted into the message arrive as an
 * `image/*` attachment with a `contentUrl` on Teams' hosts (beside a `text/html` copy of the message,
 * which is not a file); each is downloaded, only when the core's rules allow it, with the bot's own
 * token. A file attached with the paperclip is a SharePoint link Baton cannot open: it is listed
 * too, and its download fails saying so, so the reply is not texted without it.
 */
export function repAttachmentsOf(context: TurnContext): RepAttachment[] {
  const activity = context.activity;
  const all = activity.attachments ?? [];
  const images = all.filter(isImage);
  const files = all.filter((a) => SHAREPOINT_FILE_TYPES.has((a.contentType ?? "").toLowerCase()));
  if (images.length === 0 && files.length === 0) return [];
  // Taken now, while the turn is on: the connector botbuilder built for this activity's service.
  const credentials = connectorOf(context).credentials as BotCredentials | undefined;
  const download = new TeamsDownload(credentials, activity.serviceUrl);
  return [
    ...images.map((image, i) => ({
      name: image.name || `image-${i + 1}`,
      contentType: image.contentType,
      size: 0, // Teams does not say; the core checks the bytes
      download: (maxBytes: number) => download.get(image.contentUrl!, maxBytes),
    })),
    ...files.map((file, i) => {
      const name = file.name || `file-${i + 1}`;
      const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? "";
      return {
        name,
        contentType: TYPE_BY_EXTENSION[ext] ?? file.contentType,
        size: 0,
        download: () =>
          Promise.reject(
            new Error(
              "files attached with the paperclip are kept in SharePoint, where Baton cannot fetch them; paste a picture into the message instead",
            ),
          ),
      };
    }),
  ];
}

/** GETs from Teams' hosts with the bot's token (none in emulator mode), capped while reading. */
class TeamsDownload {
  constructor(
    private readonly credentials: BotCredentials | undefined,
    private readonly serviceUrl: string | undefined,
  ) {}

  async get(contentUrl: string, maxBytes: number): Promise<Uint8Array> {
    let url = this.allowed(contentUrl);
    const authorization = await this.authorization();
    for (let hops = 0; ; hops += 1) {
      const response = await fetch(url, {
        headers: authorization ? { authorization } : {},
        // Followed by hand: the token goes to the next address only if it is Teams' too.
        redirect: "manual",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel();
        if (hops >= MAX_REDIRECTS) throw new Error("Teams redirected the picture too many times");
        url = this.allowed(new URL(response.headers.get("location") ?? "", url).href);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new Error(`Teams answered HTTP ${response.status} for the picture`);
      }
      const declared = Number(response.headers.get("content-length") ?? "0");
      if (declared > maxBytes) {
        await response.body?.cancel();
        throw new Error(`the picture is over the ${maxBytes}-byte limit`);
      }
      const bytes = await readCappedBody(response, maxBytes);
      if (!bytes) throw new Error(`the picture is over the ${maxBytes}-byte limit`);
      return bytes;
    }
  }

  /** The URL, if the bot's token may go there; else an error naming only the host. */
  private allowed(address: string): URL {
    const url = URL.canParse(address) ? new URL(address) : undefined;
    if (!url || !mayCarryBotToken(url, this.serviceUrl))
      throw new Error(
        `the picture's address is not on Teams (${url?.hostname || "not a URL"}); Baton sends its Teams credentials nowhere else`,
      );
    return url;
  }

  /** `Bearer <token>` from the turn's credentials; undefined in emulator mode (no app id). */
  private async authorization(): Promise<string | undefined> {
    const credentials = this.credentials;
    if (!credentials?.appId) return undefined;
    if (typeof credentials.getToken !== "function") throw new Error("the bot's Teams credentials give no token");
    return `Bearer ${await credentials.getToken()}`;
  }
}
