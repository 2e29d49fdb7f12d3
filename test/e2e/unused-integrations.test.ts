import { execFile } from "node:child_process";
import { promisify } from "node:util";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TSX = import.meta.resolve("tsx");

/**
 * Starts Baton in a process of its own with `env` (memory database) and lists which integration
 * SDKs it loaded: a store pays in memory for every package in its process (Teams' SDKs alone are
 * over 100 MB; Twilio's REST client about 20 MB). These are CommonJS packages, so the require cache sees them (an ES module would not show).
 */
async function sdksLoaded(env: Record<string, string>): Promise<string[]> {
  const script = `
    import { createRequire } from "node:module";
    const { loadConfig } = await import(${JSON.stringify(path.join(ROOT, "src/config/load-config.ts"))});
    const { buildBaton } = await import(${JSON.stringify(path.join(ROOT, "src/app.ts"))});
    const { silentLogger } = await import(${JSON.stringify(path.join(ROOT, "src/core/ports/logger.ts"))});
    await buildBaton(loadConfig(process.env), { logger: silentLogger });
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    const sdks = ["@microsoft/teams-ai", "botbuilder", "@slack/bolt", "twilio/lib/rest"].filter((sdk) =>
      loaded.some((file) => file.includes("/node_modules/" + sdk + "/")));
    console.log(JSON.stringify(sdks));
    process.exit(0);`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", TSX, "--input-type=module", "-e", script],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", DATABASE_URL: "memory:", ...env },
      timeout: 60_000,
    },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as string[];
}

describe("an integration that is not configured is not loaded", () => {
  it("the sandbox default loads neither Slack's nor Teams' SDKs; a Slack store loads Bolt and nothing of Teams", async () => {
    // Side by side: each is a process of its own.
    const [sandbox, slack] = await Promise.all([
      sdksLoaded({}),
      sdksLoaded({
        SLACK_BOT_TOKEN: "xoxb-test",
        SLACK_SIGNING_SECRET: "secret",
        SLACK_HANDOFF_CHANNEL: "C0123456789",
      }),
    ]);
    expect(sandbox).toEqual([]);
    expect(slack).toEqual(["@slack/bolt"]);
  }, 120_000);

  it("Twilio's REST client loads only for a store that configures Twilio", async () => {
    const twilio = await sdksLoaded({
      TWILIO_ACCOUNT_SID: "AC00000000000000000000000000000000",
      TWILIO_AUTH_TOKEN: "token",
      TWILIO_PHONE_NUMBER: "+15125550100",
      PUBLIC_URL: "https://baton.example.com",
    });
    // The sandbox default above loaded none of it: its webhook check and TwiML use the SDK's own small modules.
    expect(twilio).toEqual(["twilio/lib/rest"]);
  }, 120_000);
});
