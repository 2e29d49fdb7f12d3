import { Application } from "@microsoft/teams-ai";
import express, { type Router } from "express";
import type { TeamsConfig } from "../../../config/config.js";
import { BatonError } from "../../../core/errors/baton-error.js";
import type { Logger } from "../../../core/ports/logger.js";
import type { MediaLinks } from "../../../core/ports/media.js";
import type { TeamsRooftop } from "./choose-channel.js";
import { describeTeamsError } from "./describe-teams-error.js";
import { LoggedTeamsAdapter, type TeamsAnswer } from "./logged-teams-adapter.js";
import { RecentMembers } from "./recent-members.js";
import { registerTeamsHandlers, type TeamsUseCases } from "./register-teams-handlers.js";
import type { TeamsChannelStore } from "./teams-channel-store.js";
import { tenantOf } from "./teams-conversation.js";
import { TeamsStaffChat } from "./teams-staff-chat.js";

export interface TeamsStaffChatDeps {
  store: TeamsChannelStore;
  rooftops: TeamsRooftop[];
  logger: Logger;
  /** Signed links to stored files (PUBLIC_URL set): the thread shows a customer's pictures from them. */
  mediaLinks?: MediaLinks;
}

/** What an unauthenticated caller may read of a failure: the status, never the SDK's error text. */
const PLAIN_ERRORS: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  405: "Method not allowed",
  500: "Internal error",
};

/**
 * The error's own words (a token problem, an internal exception) are for the log, not for a stranger
 * probing the endpoint: any 4xx or 5xx is answered with a plain phrase; successful answers (invoke
 * responses) pass unchanged.
 */
function send(res: express.Response, answer: TeamsAnswer): void {
  res.status(answer.status);
  if (answer.status >= 400) res.type("text/plain").send(PLAIN_ERRORS[answer.status] ?? "Error");
  else if (answer.body !== undefined) res.send(answer.body);
  else res.end();
}

/**
 * Microsoft Teams as a staff chat: the port for the core, and `POST /api/messages` for the Bot
 * Framework. With credentials the SDK checks every request's token (no valid token: 401, nothing
 * runs); in emulator mode (no credentials) it skips the check, as the Bot Framework Emulator expects.
 */
export function createTeamsStaffChat(
  config: TeamsConfig,
  deps: TeamsStaffChatDeps,
): { staffChat: TeamsStaffChat; routes(useCases: TeamsUseCases): Router } {
  const adapter = new LoggedTeamsAdapter(
    config.emulator
      ? {}
      : {
          MicrosoftAppId: config.appId,
          MicrosoftAppPassword: config.appPassword,
          MicrosoftAppType: "SingleTenant",
          MicrosoftAppTenantId: config.tenantId,
        },
    deps.logger,
  );
  // One line, without the error's baggage (a connector error carries the service's answer).
  adapter.onTurnError = async (context, error) => {
    deps.logger.error({ error: describeTeamsError(error), activityType: context.activity.type }, "teams turn failed");
  };
  // Mentions are stripped by cleanTeamsText (all of them, by entity); no typing indicator in channels.
  const app = new Application({
    adapter,
    botAppId: config.appId,
    removeRecipientMention: false,
    startTypingTimer: false,
  });
  if (!config.emulator) {
    // The bot is single-tenant: an activity from another organisation (the app uploaded there) is ignored.
    app.turn("beforeTurn", async (context) => {
      const tenant = tenantOf(context.activity);
      if (!tenant || tenant.toLowerCase() === config.tenantId.toLowerCase()) return true;
      deps.logger.warn({ tenant }, "teams: ignored an activity from another tenant");
      return false;
    });
  }
  const members = new RecentMembers();
  const staffChat = new TeamsStaffChat(adapter, config.appId, deps.store, members, deps.logger, deps.mediaLinks);
  // The core is built over the staff chat: its moves are handed in when the routes are mounted.
  const routes = (useCases: TeamsUseCases): Router => {
    registerTeamsHandlers(app, { ...deps, useCases, members });
    return router;
  };

  const router = express.Router();
  // No bearer token, no parsing: the SDK checks the token itself, but only after the body is read.
  const requireBearer: express.RequestHandler = (req, _res, next) => {
    if (!config.emulator && !/^Bearer\s+\S+/i.test(req.headers.authorization ?? ""))
      throw new BatonError("unsigned_request", "Unauthorized");
    next();
  };
  router.post("/api/messages", requireBearer, express.json({ limit: "256kb" }), (req, res, next) => {
    adapter
      .processRequest(req.body, req.headers.authorization, async (context) => {
        await app.run(context);
      })
      .then((answer) => send(res, answer), next);
  });
  return { staffChat, routes };
}
