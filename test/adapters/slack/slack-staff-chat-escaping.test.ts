import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackStaffChat } from "../../../src/adapters/staff-chat/slack/slack-staff-chat.js";
import { escapeTeamsText } from "../../../src/adapters/staff-chat/teams/escape-teams-text.js";
import { startFakeSlackApi, type FakeSlackApi } from "../../helpers/fake-slack-api.js";

/** What an outsider can put into a post: a customer's opt-out, a lead form's message, a provider's error. */
const HOSTILE = "stop texting me <!channel> <@U12345> <https://evil.example|click> & more";

describe("no outside text reaches Slack as live markup, whatever kind of post carries it", () => {
  let slack: FakeSlackApi;
  let chat: SlackStaffChat;
  const thread = { chat: "slack", channel: "C0HANDOFF01", ts: "1700000000.000100" };

  beforeAll(async () => {
    slack = await startFakeSlackApi();
    const client = new WebClient("xoxb-test-token", { slackApiUrl: slack.url.replace(/\/*$/, "/") });
    chat = new SlackStaffChat(client, () => ({
      handoffChannel: "C0HANDOFF01",
      managerChannel: "C0MANAGERS1",
      departmentChannels: {},
    }));
  });
  afterAll(async () => slack?.close());

  it.each(["customer", "ai", "system", "warning"] as const)(
    "a %s post quoting it pings nobody and forges no link",
    async (kind) => {
      await chat.postInThread(thread, { kind, text: `The customer opted out of texts ("${HOSTILE}").` });
      const text = String(slack.calls.at(-1)!.body.text);
      expect(text).toContain("&lt;!channel&gt; &lt;@U12345&gt; &lt;https://evil.example|click&gt; &amp; more");
      expect(text).not.toMatch(/<!channel>|<@U12345>|<https:/);
    },
  );

  it("a private notice to one rep is escaped too, and a mention Baton means still works", async () => {
    await chat.tellUser(thread, "U0JORDAN01", `Lead note: ${HOSTILE}`);
    expect(String(slack.calls.at(-1)!.body.text)).not.toMatch(/<!channel>|<@U12345>/);
    await chat.postInThread(thread, {
      kind: "system",
      text: "The customer is waiting for you.",
      mention: "U0JORDAN01",
    });
    expect(String(slack.calls.at(-1)!.body.text)).toContain("<@U0JORDAN01>");
  });
});

describe("Teams messages that carry a mention (read as markdown)", () => {
  it("show outside words as typed: no link, no bold, no HTML", () => {
    const shown = escapeTeamsText("Dana [win a prize](https://evil.example) **now** <b>x</b>");
    expect(shown).not.toMatch(/\[win a prize\]\(https/);
    expect(shown).toContain("\\[win a prize\\]\\(https://evil.example\\)");
    expect(shown).toContain("\\*\\*now\\*\\*");
    expect(shown).toContain("&lt;b&gt;x&lt;/b&gt;");
  });
});
