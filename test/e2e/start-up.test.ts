import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MAIN = path.join(ROOT, "src/main.ts");
/** tsx from this repository, since the process starts in a folder of its own. */
const TSX = import.meta.resolve("tsx");

/** A port nobody is listening on, for the process under test. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm start` without npm: src/main.ts under tsx, in `cwd`, with only the variables given. */
function startMain(cwd: string, env: Record<string, string>): Started {
  let out = "";
  const child = spawn(process.execPath, ["--import", TSX, MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitForOutput(started: Started, text: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!started.output().includes(text)) {
    if (Date.now() > deadline || started.child.exitCode !== null)
      throw new Error(`never printed "${text}"; output:\n${started.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

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
