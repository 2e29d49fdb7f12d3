import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/adapters/clock/manual-clock.js";
import { KeyedQueue } from "../../../src/core/work/keyed-queue.js";
import { TurnWakeUps } from "../../../src/core/work/turn-wake-ups.js";

const at = (clock: ManualClock, ms: number) => new Date(clock.now().getTime() + ms);

describe("TurnWakeUps: a conversation looked at once its customer pauses", () => {
  const setUp = (answer: (id: string) => Date | undefined = () => undefined) => {
    const clock = new ManualClock("2026-03-02T15:00:00Z");
    const looked: string[] = [];
    const wakeUps = new TurnWakeUps(clock, new KeyedQueue(() => {}), async (id) => (looked.push(id), answer(id)));
    return { clock, looked, wakeUps };
  };

  it("each new text moves the look later; one look for the burst, when the clock reaches it", async () => {
    const { clock, looked, wakeUps } = setUp();
    wakeUps.lookAt("c1", at(clock, 3000));
    clock.advance(1000);
    wakeUps.lookAt("c1", at(clock, 3000));
    clock.advance(2999);
    await Promise.resolve();
    expect(looked).toEqual([]);
    clock.advance(1);
    await wakeUps.idle();
    expect(looked).toEqual(["c1"]);
  });

  it("an earlier look never replaces a later one (a sweep finding a text whose customer still types)", async () => {
    const { clock, looked, wakeUps } = setUp();
    wakeUps.lookAt("c1", at(clock, 3000));
    wakeUps.lookAt("c1", at(clock, -60_000));
    clock.advance(10);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(looked).toEqual([]);
    clock.advance(3000);
    await wakeUps.idle();
    expect(looked).toEqual(["c1"]);
  });

  it("looks again when the turn says the customer is still typing; idle waits for that too", async () => {
    let tries = 0;
    const { clock, looked, wakeUps } = setUp(() =>
      ++tries === 1 ? new Date(Date.parse("2026-03-02T15:00:05Z")) : undefined,
    );
    wakeUps.lookAt("c1", at(clock, 3000));
    clock.advance(3000);
    const idle = wakeUps.idle();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(looked).toEqual(["c1"]);
    clock.advance(2000);
    await idle;
    expect(looked).toEqual(["c1", "c1"]);
  });

  it("close drops pending looks: their texts are left to the recovery sweep", async () => {
    const { clock, looked, wakeUps } = setUp();
    wakeUps.lookAt("c1", at(clock, 3000));
    wakeUps.close();
    clock.advance(5000);
    await wakeUps.idle();
    expect(looked).toEqual([]);
  });
});
