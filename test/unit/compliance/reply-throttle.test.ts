import { describe, expect, it } from "vitest";
import { judgeReplyRate, THROTTLE_LIMITS, type TimedMessage } from "../../../src/core/compliance/reply-throttle.js";

const now = new Date("2026-03-02T15:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const exchange = (pairs: [string, number][]): TimedMessage[] =>
  pairs.flatMap(([body, secondsAgo]) => [
    { author: "customer" as const, body, at: ago(secondsAgo) },
    { author: "ai" as const, body: "reply", at: ago(secondsAgo - 1) },
  ]);
const texts = (bodies: string[], secondsAgo: (i: number) => number): TimedMessage[] =>
  bodies.map((body, i) => ({ author: "customer" as const, body, at: ago(secondsAgo(i)) }));

describe("judgeReplyRate: flood and loop protection", () => {
  it("lets a normal back-and-forth through", () => {
    const history = exchange([
      ["hi is the tacoma available", 900],
      ["what color", 400],
      ["can i see it saturday", 100],
    ]);
    history.push({ author: "customer", body: "great thanks", at: now });
    expect(judgeReplyRate(history, now)).toEqual({ quiet: false });
  });

  it("answers a person asking four questions a minute, each answered (20 s apart)", () => {
    const history = exchange([
      ["do you have the tacoma", 60],
      ["what color", 40],
      ["how many miles", 20],
    ]);
    history.push({ author: "customer", body: "can I see it today", at: now });
    expect(judgeReplyRate(history, now)).toEqual({ quiet: false });
  });

  it("answers a burst of four quick questions as one turn", () => {
    const burst = texts(["hi", "is the tacoma still there?", "what color is it", "can i come at 5"], (i) => 6 - i * 2);
    expect(judgeReplyRate(burst, now)).toEqual({ quiet: false });
  });

  it("answers a lively conversation: a dozen turns in ten minutes", () => {
    const history = exchange(Array.from({ length: 12 }, (_, i) => [`question ${i}`, 590 - i * 48] as [string, number]));
    history.push({ author: "customer", body: "another", at: now });
    expect(judgeReplyRate(history, now)).toEqual({ quiet: false });
  });

  it(`goes quiet at ${THROTTLE_LIMITS.textsPerMinute} customer texts in a minute, answered or not`, () => {
    const burst = texts(
      Array.from({ length: THROTTLE_LIMITS.textsPerMinute }, (_, i) => `hello? question number ${i}`),
      (i) => 9 - i,
    );
    expect(judgeReplyRate(burst, now)).toMatchObject({
      quiet: true,
      reason: "flood",
      explanation: expect.stringContaining("10 texts in the last minute"),
    });
    expect(judgeReplyRate(burst.slice(1), now)).toEqual({ quiet: false });
  });

  it(`goes quiet at ${THROTTLE_LIMITS.textsPerTenMinutes} customer texts in ten minutes`, () => {
    const steady = texts(
      Array.from({ length: THROTTLE_LIMITS.textsPerTenMinutes }, (_, i) => `text ${i}`),
      (i) => 585 - i * 15,
    );
    expect(judgeReplyRate(steady, now)).toMatchObject({ quiet: true, reason: "flood" });
  });

  it("answered text by text, goes quiet when texts come faster than anyone types and three were answered in the minute", () => {
    const history = exchange([
      ["q0", 3],
      ["q1", 2],
      ["q2", 1],
    ]);
    history.push({ author: "customer", body: "q3", at: now });
    expect(judgeReplyRate(history, now)).toMatchObject({
      quiet: true,
      reason: "flood",
      explanation: expect.stringContaining("faster than a person types"),
    });
  });

  it(`goes quiet after ${THROTTLE_LIMITS.answersPerTenMinutes} answers in ten minutes: a robot, not a person`, () => {
    const history = exchange(
      Array.from(
        { length: THROTTLE_LIMITS.answersPerTenMinutes },
        (_, i) => [`question ${i}`, 590 - i * 29] as [string, number],
      ),
    );
    history.push({ author: "customer", body: "another", at: now });
    expect(judgeReplyRate(history, now)).toMatchObject({ quiet: true, reason: "flood" });
  });

  it("counts only what came after a person handed the conversation back", () => {
    const flood = texts(
      Array.from({ length: 20 }, (_, i) => `spam ${i}`),
      (i) => 50 - i,
    );
    const after = { author: "customer" as const, body: "sorry about that, is the tacoma still there?", at: now };
    expect(judgeReplyRate([...flood, after], now)).toMatchObject({ quiet: true });
    expect(judgeReplyRate([...flood, after], now, { since: ago(30) })).toEqual({ quiet: false });
  });

  it("detects a loop: the same text three times in a row", () => {
    const history = exchange([
      ["Thanks for your message!", 500],
      ["Thanks for your message!!", 300],
    ]);
    history.push({ author: "customer", body: "thanks for your message", at: now });
    expect(judgeReplyRate(history, now)).toMatchObject({ quiet: true, reason: "loop" });
  });

  it("a person repeating themselves in one burst is not a loop; the same text in three turns is", () => {
    const impatient = texts(["hello?", "hello?", "hello?"], (i) => 4 - i);
    expect(judgeReplyRate(impatient, now)).toEqual({ quiet: false });
    const history = exchange([
      ["hello?", 300],
      ["hello?", 200],
    ]);
    history.push(...texts(["hello?", "hello?"], (i) => 1 - i));
    expect(judgeReplyRate(history, now)).toMatchObject({ quiet: true, reason: "loop" });
  });

  it("answers an auto-responder once, then stops the ping-pong", () => {
    const first = [{ author: "customer" as const, body: "Auto-reply: I'm driving right now", at: now }];
    expect(judgeReplyRate(first, now)).toEqual({ quiet: false });
    const second = [
      ...exchange([["Auto-reply: I'm driving right now", 120]]),
      { author: "customer" as const, body: "AUTO REPLY: I'm driving right now and will get back to you", at: now },
    ];
    expect(judgeReplyRate(second, now)).toMatchObject({ quiet: true, reason: "loop" });
  });
});
