import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, startMain, waitForOutput, type Started } from "../helpers/start-main.js";

// Each test starts Baton the way an installer does (tsx compiling src/, a fresh embedded database
// migrated from nothing): 10-25 s on two busy cores, so the whole 60 s the output wait allows.
describe("npm start: the entry point as an installer runs it", { timeout: 90_000 }, () => {
  let dir: string;
  let running: Started | undefined;
  afterEach(async () => {
    if (running && running.child.exitCode === null) running.child.kill("SIGKILL");
    running = undefined;
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("reads .env from where it starts (the environment wins), says which integrations are off, and stops cleanly on SIGTERM", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "baton-start-"));
    const port = await freePort();
    await writeFile(
      path.join(dir, ".env"),
      `PORT=${port}\nDEALERSHIP_NAME="Dotenv Motors"\nDEALERSHIP_TIMEZONE=America/Denver\n`,
    );
    running = startMain(dir, { DEALERSHIP_TIMEZONE: "America/Chicago" });
    await waitForOutput(running, `listening on http://localhost:${port}`);

    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toMatchObject({ ok: true });
    const setup = (await (await fetch(`http://127.0.0.1:${port}/sandbox/api/setup`)).json()) as {
      dealership: { name: string; timezone: string };
    };
    expect(setup.dealership).toMatchObject({ name: "Dotenv Motors", timezone: "America/Chicago" });
    expect(running.output()).toContain(`PGlite at ${path.join(dir, "data/baton")}`);
    expect(running.output()).toContain("SMS (Twilio): off. Set TWILIO_ACCOUNT_SID");
    expect(running.output()).toContain("Staff chat (Slack): off");
    // Each "off" line names the README heading that turns it on, as it is written there.
    expect(running.output()).toContain("(README section: 2. Twilio)");
    expect(running.output()).toContain("Leads: off. Set LEADS_TOKEN");
    expect(running.output()).toContain("Calls: the sandbox phone's Call button plays a missed call");
    expect(running.output()).toContain("CRM: the sandbox page's CRM pane shows each ADF lead");
    expect(running.output()).toContain(`open http://localhost:${port}/sandbox`);

    running.child.kill("SIGTERM");
    expect(await running.exited).toBe(0);
    expect(running.output()).toContain("stopping: finishing texts in progress");
    expect(running.output()).toMatch(/"msg":"stopped"/);
  });

  it("exits 1 with a plain line when its port is taken, never claiming to listen", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "baton-start-"));
    const port = await freePort();
    // Another server on the port, on every address (what a second Baton or any dev server does).
    const other = createServer().listen(port);
    await new Promise((resolve) => other.once("listening", resolve));
    try {
      running = startMain(dir, { PORT: String(port) });
      expect(await running.exited).toBe(1);
      expect(running.output()).toContain(`port ${port} is in use; set PORT`);
      expect(running.output()).not.toContain("is listening");
    } finally {
      other.close();
    }
  });

  it("refuses to start on a malformed variable with one line naming it, and prints no secret", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "baton-start-"));
    running = startMain(dir, {
      TWILIO_ACCOUNT_SID: "AC123",
      TWILIO_AUTH_TOKEN: "very-secret-token-value",
      TWILIO_PHONE_NUMBER: "+15125550100",
      PUBLIC_URL: "https://baton.example.test",
    });
    expect(await running.exited).toBe(1);
    const lines = running.output().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Baton cannot start: TWILIO_ACCOUNT_SID: /);
    expect(running.output()).not.toContain("very-secret-token-value");
  });
});
