import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTeamsBaton, type RunningTeamsBaton } from "../../helpers/start-teams-baton.js";
import {
  channelMessage,
  installActivity,
  TEAMS_ACTIVITY_SOURCE,
  type TeamsWorld,
} from "../../helpers/teams-activities.js";

const CREDENTIALS = {
  TEAMS_APP_ID: "00000000-0000-4000-8000-00000000a11d",
  TEAMS_APP_PASSWORD: "client-secret-for-tests",
  TEAMS_TENANT_ID: "00000000-0000-4000-8000-0000000000e1",
};
const TITLE = "Teams with credentials: the SDK checks the Bot Framework token";

describe(`${TITLE} (${TEAMS_ACTIVITY_SOURCE})`, () => {
  let run: RunningTeamsBaton;
  let world: TeamsWorld;

  beforeAll(async () => {
    run = await startTeamsBaton(CREDENTIALS);
    world = {
      serviceUrl: run.teams.serviceUrl,
      tenantId: CREDENTIALS.TEAMS_TENANT_ID,
      team: { id: "19:team@thread.tacv2", name: "Sales" },
      bot: { id: `28:${CREDENTIALS.TEAMS_APP_ID}`, name: "Baton" },
    };
    run.teams.teams.set(world.team.id, { name: "Sales", channels: [{ id: world.team.id }] });
  });
  afterAll(async () => run?.stop());

  it("refuses a request without an Authorization header with 401, and stores nothing", async () => {
    // botbuilder prints the refused request's AuthenticationError itself; keep the test output clean.
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const install = await run.activity(installActivity(world, { id: "29:someone", name: "Someone" }));
      expect(install.status).toBe(401);
      // The status only: the SDK's error text is for the log, not for whoever is probing the endpoint.
      expect(await install.text()).toBe("Unauthorized");
      const command = channelMessage(world, {
        channelId: world.team.id,
        from: { id: "29:someone", name: "Someone" },
        text: "use this channel for handoffs",
        mentionBot: true,
      });
      expect((await run.activity(command)).status).toBe(401);
      expect((await run.activity(command, { authorization: "" })).status).toBe(401);
      // Refused before the body is read: not even a malformed one gets a parse error.
      const unread = await fetch(`${run.url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{not json" + "x".repeat(200_000),
      });
      expect(unread.status).toBe(401);
    } finally {
      quiet.mockRestore();
    }
    expect(await run.baton.database.prisma.teamsChannel.count()).toBe(0);
    expect(await run.baton.database.prisma.teamsChannelChoice.count()).toBe(0);
    expect(await run.baton.database.prisma.processedDelivery.count()).toBe(0);
    expect(run.teams.calls).toHaveLength(0);
  });
});
