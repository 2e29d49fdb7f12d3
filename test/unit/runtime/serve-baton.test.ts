import express from "express";
import { describe, expect, it } from "vitest";
import type { BatonCore } from "../../../src/core/baton-core.js";
import { silentLogger } from "../../../src/core/ports/logger.js";
import { serveBaton } from "../../../src/runtime/serve-baton.js";

describe("serveBaton's shutdown", () => {
  it("closes the database only after the work of clicks already acknowledged is done", async () => {
    const order: string[] = [];
    let finishClicks!: () => void;
    const clicks = new Promise<void>((resolve) => (finishClicks = resolve));
    // The core has nothing in progress: only the acknowledged click's work is.
    const core = { drain: async () => (order.push("core drained"), false) } as unknown as BatonCore;
    const served = serveBaton(express(), core, {
      cron: null,
      startScheduler: false,
      shutdownGraceMs: 5_000,
      acknowledgedWorkDone: () => clicks.then(() => void order.push("clicks done")),
      logger: silentLogger,
      closeResources: async () => void order.push("database closed"),
    });
    const closed = served.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual([]);
    finishClicks();
    await closed;
    expect(order).toEqual(["clicks done", "core drained", "database closed"]);
  });

  it("gives the clicks no more than the grace", async () => {
    const order: string[] = [];
    const core = { drain: async () => (order.push("core drained"), false) } as unknown as BatonCore;
    const served = serveBaton(express(), core, {
      cron: null,
      startScheduler: false,
      shutdownGraceMs: 50,
      acknowledgedWorkDone: () => new Promise<void>(() => {}), // a click whose Slack call never returns
      logger: silentLogger,
      closeResources: async () => void order.push("database closed"),
    });
    await served.close();
    expect(order).toEqual(["core drained", "database closed"]);
  });
});
