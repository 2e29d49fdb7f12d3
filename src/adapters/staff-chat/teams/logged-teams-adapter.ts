import { TeamsAdapter } from "@microsoft/teams-ai";
import type { Activity, TurnContext } from "botbuilder";
import type { Logger } from "../../../core/ports/logger.js";
import { describeTeamsError } from "./describe-teams-error.js";

/** What /api/messages answers: a status, and for an invoke (a card click) its body. */
export interface TeamsAnswer {
  status: number;
  body?: unknown;
}

/**
 * The Teams adapter, answering /api/messages without printing. botbuilder's `process` writes a
 * refused token and any other failure to console.error (a multi-line stack trace outside Baton's
 * JSON log) and a body with no activity type to console.warn. This takes the same steps and
 * tells Baton's logger instead, in one line. A turn's own failures go to `onTurnError`.
 */
export class LoggedTeamsAdapter extends TeamsAdapter {
  constructor(
    settings: ConstructorParameters<typeof TeamsAdapter>[0],
    private readonly logger: Logger,
  ) {
    super(settings);
  }

  async processRequest(
    body: unknown,
    authorization: string | undefined,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<TeamsAnswer> {
    const activity = readActivity(body);
    if (!activity) {
      this.logger.warn({}, "teams: refused a request that is not a Bot Framework activity (no type)");
      return { status: 400 };
    }
    try {
      // Checks the token (when credentials are set), then runs the turn.
      const invoke = await this.processActivity(authorization ?? "", activity, logic);
      return { status: invoke?.status ?? 200, body: invoke?.body };
    } catch (error) {
      const statusCode = (error as { statusCode?: unknown })?.statusCode;
      if (statusCode === 401 || statusCode === 403) {
        this.logger.warn(
          { error: describeTeamsError(error) },
          "teams: refused a request without a valid Bot Framework token",
        );
        return { status: statusCode };
      }
      this.logger.error({ error: describeTeamsError(error), activityType: activity.type }, "teams request failed");
      return { status: 500 };
    }
  }
}

/** The body as an activity, its timestamps as Dates, as botbuilder's own `process` hands it on. */
function readActivity(body: unknown): Activity | undefined {
  if (typeof body !== "object" || body === null || typeof (body as { type?: unknown }).type !== "string")
    return undefined;
  const activity = body as Activity & Record<string, unknown>;
  for (const [field, raw] of [
    ["timestamp", "rawTimestamp"],
    ["expiration", "rawExpiration"],
    ["localTimestamp", "rawLocalTimestamp"],
  ] as const) {
    const value = activity[field];
    if (typeof value === "string") Object.assign(activity, { [raw]: value, [field]: new Date(value) });
  }
  return activity;
}
