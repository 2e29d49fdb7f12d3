// What an answered text costs the database, counted (not timed): every statement is a round trip,
// and round trips are most of what an answered text costs Baton's CPU (see the README's benchmark).
import { afterEach, expect, it } from "vitest";
import { startBaton, type RunningBaton } from "../helpers/start-baton.js";

let baton: RunningBaton | undefined;
afterEach(async () => baton?.stop());

it("a routine text answered alone takes 8 round trips, its reply's nudge planned in one of them", async () => {
  baton = await startBaton({ REPLY_COALESCE_MS: "0" });
  const { database } = baton.baton;
  const before = database.statements.count;
  expect((await baton.text("+15125553101", "is the tacoma still available?")).status).toBe(200);
  await baton.baton.idle();
  // Stored with the webhook; taken; the history; the send-time check; the reply reserved, then
  // settled; the conversation updated with the nudge; the text marked handled.
  expect(database.statements.count - before).toBe(8);
  expect(baton.twilio.messages.at(-1)).toMatchObject({ to: "+15125553101", body: expect.stringMatching(/\?$/) });
  const nudges = await database.prisma.scheduledJob.findMany({ where: { type: "nudge", status: "pending" } });
  expect(nudges).toHaveLength(1);
});
