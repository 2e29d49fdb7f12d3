import { describe, expect, it } from "vitest";
import { KeyedQueue } from "../../../src/core/work/keyed-queue.js";

/** A task that records when it starts and finishes only when the test lets it. */
function gate(log: string[], name: string) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const task = async () => {
    log.push(`start ${name}`);
    await opened;
    log.push(`end ${name}`);
  };
  return { task, open };
}
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("KeyedQueue: a customer's texts in order, a burst within the answer limit", () => {
  it("answers one conversation's texts one after another, in the order they came", async () => {
    const log: string[] = [];
    const queue = new KeyedQueue(() => {});
    const first = gate(log, "a1");
    const second = gate(log, "a2");
    queue.push("a", first.task);
    queue.push("a", second.task);
    await settle();
    expect(log).toEqual(["start a1"]);
    first.open();
    await settle();
    second.open();
    await queue.idle();
    expect(log).toEqual(["start a1", "end a1", "start a2", "end a2"]);
  });

  it("runs at most the limit of background tasks at once; the rest start in arrival order as slots free", async () => {
    const log: string[] = [];
    const queue = new KeyedQueue(() => {}, 2);
    const tasks = ["a", "b", "c", "d"].map((key) => ({ key, ...gate(log, key) }));
    for (const t of tasks) queue.push(t.key, t.task);
    await settle();
    expect(log).toEqual(["start a", "start b"]);
    tasks[1]!.open();
    await settle();
    expect(log).toEqual(["start a", "start b", "end b", "start c"]);
    tasks[0]!.open();
    await settle();
    expect(log.at(-1)).toBe("start d");
    tasks[2]!.open();
    tasks[3]!.open();
    await queue.idle();
    expect(log.filter((l) => l.startsWith("start"))).toEqual(["start a", "start b", "start c", "start d"]);
  });

  it("lets a rep's click through while every slot is busy, after its own conversation's earlier work only", async () => {
    const log: string[] = [];
    const queue = new KeyedQueue(() => {}, 1);
    const busy = gate(log, "x");
    const waiting = gate(log, "y");
    queue.push("x", busy.task);
    queue.push("y", waiting.task);
    const click = queue.run("z", async () => (log.push("claim z"), "won"));
    await expect(click).resolves.toBe("won");
    expect(log).toEqual(["start x", "claim z"]);
    busy.open();
    waiting.open();
    await queue.idle();
  });

  it("hands a failed task to onError and frees its slot for the next", async () => {
    const errors: string[] = [];
    const queue = new KeyedQueue((error, key) => errors.push(`${key}: ${(error as Error).message}`), 1);
    const ran: string[] = [];
    queue.push("a", () => Promise.reject(new Error("database down")));
    queue.push("b", async () => void ran.push("b"));
    await queue.idle();
    expect(errors).toEqual(["a: database down"]);
    expect(ran).toEqual(["b"]);
  });
});

describe("KeyedQueue at shutdown", () => {
  it("finishes what is in progress and starts nothing more: the rest stays in the database", async () => {
    const log: string[] = [];
    const queue = new KeyedQueue(() => {}, 1);
    const running = gate(log, "a1");
    const waitingSameKey = gate(log, "a2");
    const waitingForSlot = gate(log, "b1");
    queue.push("a", running.task);
    queue.push("a", waitingSameKey.task);
    queue.push("b", waitingForSlot.task);
    await settle();
    queue.stopStarting();
    const click = queue.run("c", async () => "claimed");
    running.open();
    await queue.idle();
    expect(log).toEqual(["start a1", "end a1"]);
    await expect(click).rejects.toThrow(/shutting down/);
  });
});
