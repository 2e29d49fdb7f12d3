import { describe, expect, it } from "vitest";
import { AfterAck } from "../../../src/adapters/staff-chat/slack/after-ack.js";

/** A piece of work that finishes when told to, recording when it started. */
function gate(started: string[], name: string) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    open: () => open(),
    work: async () => {
      started.push(name);
      await opened;
      return name;
    },
  };
}

describe("AfterAck: clicks' work after their acknowledgement, a few at a time", () => {
  it("runs at most its limit at once and starts the rest in the order they came; a failure frees its slot", async () => {
    const started: string[] = [];
    const afterAck = new AfterAck(2);
    const [a, b, c, d] = ["a", "b", "c", "d"].map((name) => gate(started, name));
    const results = [
      afterAck.run(a!.work),
      afterAck.run(async () => {
        await b!.work();
        throw new Error("Slack said no");
      }),
      afterAck.run(c!.work),
      afterAck.run(d!.work),
    ];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(["a", "b"]);

    b!.open();
    await expect(results[1]).rejects.toThrow("Slack said no");
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(["a", "b", "c"]);

    a!.open();
    expect(await results[0]).toBe("a");
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(["a", "b", "c", "d"]);
    c!.open();
    d!.open();
    expect(await Promise.all([results[2], results[3]])).toEqual(["c", "d"]);
  });

  it("starts a burst's work only once its clicks have paused, so every acknowledgement goes out first", async () => {
    const started: string[] = [];
    const afterAck = new AfterAck(8, 20, 1_000);
    const runs = [afterAck.run(async () => started.push("first"))];
    // More clicks keep arriving, 5 ms apart: the first click's work waits for them.
    for (const name of ["second", "third", "fourth"]) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(started).toEqual([]);
      runs.push(afterAck.run(async () => started.push(name)));
    }
    await Promise.all(runs);
    expect(started.sort()).toEqual(["first", "fourth", "second", "third"]);
  });

  it("does not wait for a pause forever: a steady stream of clicks still gets its work done", async () => {
    const afterAck = new AfterAck(8, 20, 60);
    let streaming = true;
    const first = afterAck.run(async () => streaming);
    // A click every 5 ms, 60 of them: the stream never pauses for 20 ms.
    const stream = (async () => {
      for (let i = 0; i < 60; i++) {
        void afterAck.run(async () => undefined);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      streaming = false;
    })();
    // The first click's work ran while the clicks were still coming.
    expect(await first).toBe(true);
    await stream;
  });
});
