import { describe, expect, it } from "vitest";
import {
  aiMaySpeak,
  move,
  type ConversationAction,
  type ConversationStatus,
} from "../../../src/core/conversation/state-machine.js";

const LEGAL: [ConversationStatus, ConversationAction, ConversationStatus][] = [
  ["ai", "request_handoff", "pending"],
  ["ai", "claim", "claimed"],
  ["ai", "resolve", "resolved"],
  ["pending", "claim", "claimed"],
  ["pending", "hand_back", "ai"],
  ["pending", "resolve", "resolved"],
  ["claimed", "hand_back", "ai"],
  ["claimed", "resolve", "resolved"],
];

const ILLEGAL: [ConversationStatus, ConversationAction, string][] = [
  ["ai", "hand_back", "already_with_ai"],
  ["pending", "request_handoff", "already_pending"],
  ["claimed", "claim", "already_claimed"],
  ["claimed", "request_handoff", "already_claimed"],
  ["resolved", "claim", "already_resolved"],
  ["resolved", "hand_back", "already_resolved"],
  ["resolved", "resolve", "already_resolved"],
  ["resolved", "request_handoff", "already_resolved"],
];

describe("conversation state machine", () => {
  it.each(LEGAL)("%s --%s--> %s", (from, action, to) => {
    expect(move(from, action)).toEqual({ ok: true, to });
  });

  it.each(ILLEGAL)("%s refuses %s (%s)", (from, action, refusal) => {
    expect(move(from, action)).toEqual({ ok: false, refusal });
  });

  it("covers every status × action pair exactly once", () => {
    const statuses: ConversationStatus[] = ["ai", "pending", "claimed", "resolved"];
    const actions: ConversationAction[] = ["request_handoff", "claim", "hand_back", "resolve"];
    const listed = new Set([...LEGAL, ...ILLEGAL].map(([s, a]) => `${s}/${a}`));
    expect(listed.size).toBe(statuses.length * actions.length);
  });

  it("lets the AI speak only while no person owns the thread", () => {
    expect(aiMaySpeak("ai")).toBe(true);
    expect(aiMaySpeak("pending")).toBe(true);
    expect(aiMaySpeak("claimed")).toBe(false);
    expect(aiMaySpeak("resolved")).toBe(false);
  });
});
