import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/adapters/clock/manual-clock.js";
import { startTeamsBaton, type RunningTeamsBaton } from "../../helpers/start-teams-baton.js";
import {
  channelMessage,
  installActivity,
  TEAMS_ACTIVITY_SOURCE,
  type TeamsWorld,
} from "../../helpers/teams-activities.js";

const TEAM = { id: "19:north-team@thread.tacv2", name: "Maple Ridge North" };
const SALES = { id: "19:north-sales@thread.tacv2", name: "Sales" };
const MANAGERS = { id: "19:north-managers@thread.tacv2", name: "Managers" };
const ADMIN = { id: "29:it-admin", name: "Casey Admin" };
const MINUTE = 60_000;

describe(`Teams: escalations and the digest reach the Teams managers channel from the scheduler (${TEAMS_ACTIVITY_SOURCE})`, () => {
  let run: RunningTeamsBaton;
  // Monday 2 March 2026, 09:00 in Chicago: business hours.
  const clock = new ManualClock("2026-03-02T15:00:00Z");
  const toManagers = () =>
    run.teams.calls
      .filter((c) => c.kind === "send" && c.conversationId === MANAGERS.id)
      .map((c) => String(c.body.text));

  beforeAll(async () => {
    run = await startTeamsBaton({}, { clock });
    const world: TeamsWorld = {
      serviceUrl: run.teams.serviceUrl,
      tenantId: "0b0c0d0e-0000-4000-8000-000000000001",
      team: TEAM,
      bot: { id: "28:baton-bot", name: "Baton" },
    };
    run.teams.teams.set(TEAM.id, { name: TEAM.name, channels: [{ id: TEAM.id }, SALES, MANAGERS] });
    await run.activity(installActivity(world, ADMIN));
    await run.activity(
      channelMessage(world, {
        channelId: SALES.id,
        from: ADMIN,
        text: "use this channel for handoffs",
        mentionBot: true,
      }),
    );
    await run.activity(
      channelMessage(world, {
        channelId: MANAGERS.id,
        from: ADMIN,
        text: "use this channel for managers",
        mentionBot: true,
      }),
    );
  });
  afterAll(async () => run?.stop());

  it("re-announces an unclaimed handoff at the 5-minute target and tells the managers' channel, with a link to the card", async () => {
    await run.text("+15125550188", "What's the lowest you'd go on the Tundra?");
    const card = await run.teams.waitFor(
      (c) => c.kind === "send" && c.conversationId === SALES.id && Array.isArray(c.body.attachments),
    );
    await run.baton.idle();
    const before = toManagers().length;
    clock.advance(4 * MINUTE);
    await run.tick();
    expect(toManagers()).toHaveLength(before);
    clock.advance(MINUTE);
    await run.tick();
    const alert = toManagers().at(-1)!;
    expect(toManagers()).toHaveLength(before + 1);
    expect(alert).toContain("Unclaimed handoff, waiting 5m (target 5m)");
    const inThread = run.teams.calls.find(
      (c) =>
        c.kind === "send" &&
        c.conversationId === `${SALES.id};messageid=${card.answeredId}` &&
        String(c.body.text).includes("Still unclaimed"),
    );
    expect(String(inThread?.body.text)).toContain("waited 5m");
    expect(alert).toContain(
      `Open the card: https://teams.microsoft.com/l/message/${encodeURIComponent(SALES.id)}/${card.answeredId}`,
    );
  });

  it("posts the daily digest in the managers' channel at 18:00 local", async () => {
    clock.advance(Date.parse("2026-03-03T00:00:00Z") - clock.now().getTime());
    await run.tick();
    const digest = toManagers().find((t) => t.includes("Daily digest"));
    expect(digest).toBeDefined();
    expect(digest).toContain("Texts received: 1");
    expect(digest).toContain("Handoffs: 1");
  });
});
