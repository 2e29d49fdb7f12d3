import { describe, expect, it } from "vitest";
import { judgeReplyRate, type TimedMessage } from "../../../src/core/compliance/reply-throttle.js";

const now = new Date("2026-03-02T15:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const exchange = (pairs: [string, number][]): TimedMessage[] =>
  pairs.flatMap(([body, secondsAgo]) => [
    { author: "customer" as const, body, at: ago(secondsAgo) },
    { author: "ai" as const, body: "reply", at: ago(secondsAgo - 1) },
  ]);

describe("judgeReplyRate: flood and loop protection", () => {
  it("lets a normal back-and-forth through", () => {
    const history = exchange([["hi is the tacoma available", 900], ["what color", 400], ["can i see it saturday", 100]]);
    history.push({ author: "customer", body: "great thanks", at: now });
    expect(judgeReplyRate(history, now)).toEqual({ quiet: false });
  });

  it("goes quiet when one number floods: three answers within a minute already", () => {
    const history = exchange([["a", 50], ["b", 30], ["c", 10]]);
    history.push({ author: "customer", body: "d", at: now });
    expect(judgeReplyRate(history, now)).toMatchObject({ quiet: true, reason: "flood" });
  });

  it("goes quiet after eight answers in ten minutes, even when spaced out", () => {
    const history = exchange(Array.from({ length: 8 }, (_, i) => [`question ${i}`, 590 - i * 70] as [string, number]));
    history.push({ author: "customer", body: "another", at: now });
    expect(judgeReplyRate(history, now)).toMatchObject({ quiet: true, reason: "flood" });
  });

  it("detects a loop: the same text three times in a row", () => {
    const history = exchange([["Thanks for your message!", 500], ["Thanks for your message!!", 300]]);
    history.push({ author: "customer", body: "thanks for your message", at: now });
    expect(judgeReplyRate(history, now)).toMatchObject({ quiet: true, reason: "loop" });
  });

  it("answers an auto-responder once, then stops the ping-pong", () => {
    const first = [{ author: "customer" as const, body: "Auto-reply: I'm driving right now", at: now }];
    expect(judgeReplyRate(first, now)).toEqual({ quiet: false });
    const second = [...exchange([["Auto-reply: I'm driving right now", 120]]), { author: "customer" as const, body: "AUTO REPLY: I'm driving right now and will get back to you", at: now }];
    expect(judgeReplyRate(second, now)).toMatchObject({ quiet: true, reason: "loop" });
  });
});
