import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { buildBaton, type Baton } from "../../../src/app.js";
import { loadConfig } from "../../../src/config/load-config.js";
import { createLogger } from "../../../src/runtime/create-logger.js";
import { startFakeTwilioApi, type FakeTwilioApi } from "../../helpers/fake-twilio-api.js";
import { closeServer } from "../../helpers/http-server-parts.js";
import { ACCOUNT_SID, AUTH_TOKEN, testDealershipEnv } from "../../helpers/start-baton.js";
import { channelMessage, TEAMS_ACTIVITY_SOURCE, type TeamsWorld } from "../../helpers/teams-activities.js";

const CUSTOMER = "+15125550123";
const CREDENTIALS = {
  TEAMS_APP_ID: "00000000-0000-4000-8000-00000000a11d",
  TEAMS_APP_PASSWORD: "client-secret-for-tests",
  TEAMS_TENANT_ID: "00000000-0000-4000-8000-0000000000e1",
};
const REP = { id: "29:jordan-reyes", name: "Jordan Reyes" };

/** Baton with Teams on, writing its log as JSON lines that the test keeps (what an operator's collector reads). */
async function startLoggingBaton(env: Record<string, string>, twilio: FakeTwilioApi) {
  const lines: string[] = [];
  const logger = createLogger("info", false, { write: (line: string) => void lines.push(line) });
  const baton: Baton = await buildBaton(loadConfig({ ...testDealershipEnv(twilio), ...env }), { logger });
  const server = await baton.listen(0, "127.0.0.1");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  return {
    baton,
    post: (body: unknown, authorization?: string) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(body),
      }),
    /** The lines logged since the last call, parsed; each must have been exactly one line of JSON. */
    take(): Record<string, any>[] {
      const taken = lines.splice(0);
      for (const line of taken) expect(line.trimEnd()).not.toMatch(/\n|\\n/);
      return taken.map((line) => JSON.parse(line) as Record<string, any>);
    },
  };
}

/** A Bot Connector that refuses every activity, quoting it (with a customer's number) in its answer. */
async function startRefusingConnector(): Promise<{ serviceUrl: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(400, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        error: { code: "BadArgument", message: `Activity refused: "Call ${CUSTOMER} back about the Tahoe"` },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/amer/fake-tenant/`, server };
}

describe(`Teams failures are one line in Baton's JSON log, and nothing on the console (${TEAMS_ACTIVITY_SOURCE})`, () => {
  let twilio: FakeTwilioApi;
  let connector: { serviceUrl: string; server: Server };
  let emulator: Awaited<ReturnType<typeof startLoggingBaton>>;
  let withCredentials: Awaited<ReturnType<typeof startLoggingBaton>>;
  let consoleError: MockInstance;
  let consoleWarn: MockInstance;

  beforeAll(async () => {
    twilio = await startFakeTwilioApi({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    connector = await startRefusingConnector();
    emulator = await startLoggingBaton({ TEAMS_EMULATOR: "true" }, twilio);
    withCredentials = await startLoggingBaton(CREDENTIALS, twilio);
    emulator.take();
    withCredentials.take();
  });
  afterAll(async () => {
    await emulator?.baton.close();
    await withCredentials?.baton.close();
    if (connector) await closeServer(connector.server);
    await twilio?.close();
  });
  beforeEach(() => {
    consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    consoleWarn = vi.spyOn(console, "warn").mockImplementation(() => {});
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("logs a turn whose handler throws (the connector refuses its reply) as one error line, the customer's number masked", async () => {
    const world: TeamsWorld = {
      serviceUrl: connector.serviceUrl,
      tenantId: "tenant-1",
      team: { id: "19:team@thread.tacv2", name: "Sales" },
      bot: { id: "28:baton-bot", name: "Baton" },
    };
    const personal = channelMessage(world, {
      channelId: "a:personal-chat",
      from: REP,
      text: "hello",
      mentionBot: true,
    });
    personal.conversation = { id: "a:personal-chat", conversationType: "personal", tenantId: world.tenantId };

    expect((await emulator.post(personal)).status).toBe(200);

    const lines = emulator.take();
    const failed = lines.filter((l) => l.msg === "teams turn failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      level: 50,
      activityType: "message",
      error: {
        type: "RestError",
        code: "BadArgument",
        statusCode: 400,
        message: 'Activity refused: "Call •••-•••-0123 back about the Tahoe"',
      },
    });
    expect(JSON.stringify(lines)).not.toContain(CUSTOMER.slice(1));
    expect(consoleError).not.toHaveBeenCalled();
    expect(consoleWarn).not.toHaveBeenCalled();
  });

  it("answers a body that is not an activity 400, with one warning line", async () => {
    const res = await emulator.post({ text: "no type" });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe("Bad request");
    expect(emulator.take()).toEqual([
      expect.objectContaining({ level: 40, msg: expect.stringContaining("not a Bot Framework activity") }),
    ]);
    expect(consoleError).not.toHaveBeenCalled();
    expect(consoleWarn).not.toHaveBeenCalled();
  });

  it("answers a token that is not valid 401, with one warning line that does not repeat it", async () => {
    const token = "Bearer eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJub3QtYmF0b24ifQ.c2lnbmF0dXJl";
    const world: TeamsWorld = {
      serviceUrl: connector.serviceUrl,
      tenantId: CREDENTIALS.TEAMS_TENANT_ID,
      team: { id: "19:team@thread.tacv2", name: "Sales" },
      bot: { id: `28:${CREDENTIALS.TEAMS_APP_ID}`, name: "Baton" },
    };
    const res = await withCredentials.post(
      channelMessage(world, {
        channelId: world.team.id,
        from: REP,
        text: "use this channel for handoffs",
        mentionBot: true,
      }),
      token,
    );
    expect(res.status).toBe(401);
    expect(await res.text()).toBe("Unauthorized");

    const lines = withCredentials.take();
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, msg: expect.stringContaining("without a valid Bot Framework token") }),
    ]);
    expect(JSON.stringify(lines)).not.toContain("eyJ");
    expect(consoleError).not.toHaveBeenCalled();
    expect(consoleWarn).not.toHaveBeenCalled();
  });
});
