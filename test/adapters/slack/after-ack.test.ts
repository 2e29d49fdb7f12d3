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
});
