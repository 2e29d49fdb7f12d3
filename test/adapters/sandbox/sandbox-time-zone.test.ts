import type { AddressInfo } from "node:net";
import express from "express";
import { describe, expect, it } from "vitest";
import type { SandboxUseCases } from "../../../src/adapters/sandbox/sandbox-routes.js";
import { loadConfig } from "../../../src/config/load-config.js";
import { silentLogger } from "../../../src/core/ports/logger.js";
import { createSandbox } from "../../../src/runtime/create-sandbox.js";

/** The page's clock shows the zone the setup names; none of these scenes gets that far. */
const unused = () => Promise.reject(new Error("not in this test"));
const USE_CASES: SandboxUseCases = {
  receiveSms: unused,
  receiveMissedCall: unused,
  staff: {
    claim: unused,
    handBack: unused,
    resolve: unused,
    relay: unused,
    currentCard: unused,
    takeDelivery: unused,
  },
  staffCommand: unused,
  runDueWork: unused,
  idle: unused,
};

/** What the sandbox page is told about the store when Baton starts on this environment. */
async function dealershipShown(env: Record<string, string>) {
  const config = loadConfig({ DATABASE_URL: "memory:", ...env });
  const rooftop = config.rooftops[0]!;
  const app = express().use(
    createSandbox(config.sandbox!, { rooftop, logger: silentLogger }).routes(USE_CASES, "provider"),
  );
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    const setup = (await (
      await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox/api/setup`)
    ).json()) as { dealership: { timezone: string } };
    return { shown: setup.dealership.timezone, knowledge: rooftop.knowledge };
  } finally {
    server.close();
  }
}

describe("the sandbox page's clock keeps the store's time", () => {
  it("with nothing set, the sample store is in Fort Worth: Central time, as its hours are", async () => {
    const { shown, knowledge } = await dealershipShown({});
    expect(knowledge.address).toContain("Fort Worth");
    expect(shown).toBe("America/Chicago");
    expect(knowledge.timezone).toBe(shown); // the AI's hours and the page's clock agree
  });

  it("a knowledge file names the store's zone when DEALERSHIP_TIMEZONE does not", async () => {
    const { shown, knowledge } = await dealershipShown({ KNOWLEDGE_FILE: "src/config/samples/knowledge.sample.json" });
    expect(knowledge.timezone).toBe("America/Chicago");
    expect(shown).toBe("America/Chicago");
  });

  it("DEALERSHIP_TIMEZONE, when set, is the store's zone", async () => {
    expect((await dealershipShown({ DEALERSHIP_TIMEZONE: "America/Denver" })).shown).toBe("America/Denver");
  });
});
