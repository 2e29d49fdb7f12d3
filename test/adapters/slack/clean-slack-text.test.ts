import { describe, expect, it } from "vitest";
import { cleanSlackText, mentionedUserIds } from "../../../src/adapters/staff-chat/slack/clean-slack-text.js";

const BOT = "U0BATONBOT";
const names = new Map([["U0PRIYA001", "Priya"]]);
const clean = (text: string) => cleanSlackText(text, { botUserId: BOT, names });

describe("a rep's Slack reply as the customer reads it", () => {
  it("undoes Slack's escaping of & < >", () => {
    expect(clean("Trade &amp; finance are both fine &lt;3 -&gt; see you")).toBe(
      "Trade & finance are both fine <3 -> see you",
    );
  });

  it("keeps a typed link as typed, and gives the address of a link with other words", () => {
    expect(clean("Photos: <https://maple.example/t/45821>")).toBe("Photos: https://maple.example/t/45821");
    expect(clean("See <https://maple.example|maple.example>")).toBe("See maple.example");
    expect(clean("Here is <https://maple.example/t/45821|the Tacoma>")).toBe(
      "Here is the Tacoma (https://maple.example/t/45821)",
    );
  });

  it("turns e-mail and phone links back into what was typed", () => {
    expect(
      clean("Write to <mailto:sales@maple.example|sales@maple.example> or call <tel:+15125550100|512-555-0100>"),
    ).toBe("Write to sales@maple.example or call 512-555-0100");
  });

  it("removes mentions of Baton, names other people, and drops channel and broadcast markup", () => {
    expect(clean("<@U0BATONBOT> Hi Dana, <@U0PRIYA001> will have the keys ready")).toBe(
      "Hi Dana, @Priya will have the keys ready",
    );
    expect(clean("ask <@U0UNKNOWN1|sam> <!here>")).toBe("ask @sam");
    expect(clean("posted in <#C0LEADS001|leads>")).toBe("posted in #leads");
  });

  it("finds the people to look up", () => {
    expect(mentionedUserIds("<@U0BATONBOT> <@U0PRIYA001> and <@U0PRIYA001|priya>")).toEqual([
      "U0BATONBOT",
      "U0PRIYA001",
    ]);
  });
});
