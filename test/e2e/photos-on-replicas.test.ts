import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../../src/adapters/clock/manual-clock.js";
import { encodePng } from "../../src/adapters/staff-chat/teams/app-package/png.js";
import { startFakeSlackApi, slackFileObject, type FakeSlackApi } from "../helpers/fake-slack-api.js";
import { startFakeTwilioApi, type FakeTwilioApi } from "../helpers/fake-twilio-api.js";
import { ACCOUNT_SID, AUTH_TOKEN, PUBLIC_URL, startBaton, type RunningBaton } from "../helpers/start-baton.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database.js";

const postgres = process.env.TEST_DATABASE_URL;
if (!postgres) console.warn('photos on replicas skipped: set TEST_DATABASE_URL (eval "$(bash .ci/start-postgres.sh)")');

const JORDAN = { id: "U0JORDAN01", name: "jordan" };
const png = (seed: number) =>
  encodePng(
    6,
    6,
    new Uint8Array(6 * 6 * 4).map((_, i) => (i * 13 + seed * 7) % 256),
  );

describe.skipIf(!postgres)("photos on two replicas of one PostgreSQL database", () => {
  let db: TestDatabase;
  let slack: FakeSlackApi;
  let twilio: FakeTwilioApi;
  let a: RunningBaton;
  let b: RunningBaton;
  const clock = new ManualClock("2026-03-03T16:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase({ kind: "postgres" });
    slack = await startFakeSlackApi();
    twilio = await startFakeTwilioApi({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    slack.users.set(JORDAN.id, { name: "jordan", real_name: "Jordan Reyes", display_name: "Jordan" });
    const env = { DATABASE_URL: db.url! };
    // One after the other: the first makes the shared link key, the second reads it.
    a = await startBaton(env, { slack, twilio, clock });
    b = await startBaton(env, { slack, twilio, clock });
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await slack?.close();
    await twilio?.close();
    await db?.close();
  });

  it("a file one replica could not fetch is fetched once by the other, shown once, deleted at Twilio once", async () => {
    const from = "+15125557301";
    await a.text(from, "I want to talk to someone about trading in my car");
    await a.baton.idle();
    const conversation = await db.prisma.conversation.findFirstOrThrow({ where: { customer: { phone: from } } });
    const media = twilio.addMedia({ contentType: "image/png", bytes: png(1) });
    twilio.failNextMediaFetches(1, { status: 503 });
    await a.text(from, "my car", { media: [{ url: media.url, contentType: "image/png" }] });
    await a.baton.idle();
    const fetchesBefore = twilio.mediaFetches;
    clock.advance(20_000);
    // Both replicas tick at once: the job's lease gives the file to one of them.
    await Promise.all([a.tick(), b.tick()]);
    expect(twilio.mediaFetches - fetchesBefore).toBe(1);
    const uploads = slack.calls.filter(
      (c) => c.method === "files.completeUploadExternal" && c.body.thread_ts === conversation.threadTs,
    );
    expect(uploads).toHaveLength(1);
    expect(twilio.deletedMedia.filter((sid) => sid === media.mediaSid)).toHaveLength(1);
  });

  it("a link one replica signed is served by the other (the key is shared through the database)", async () => {
    const from = "+15125557302";
    await a.text(from, "Can a person text me about financing?");
    await a.baton.idle();
    const conversation = await db.prisma.conversation.findFirstOrThrow({ where: { customer: { phone: from } } });
    const card = { channel: conversation.threadChannel!, ts: conversation.threadTs! };
    await b.click("baton_claim", conversation.id, JORDAN, card);
    await vi.waitFor(async () =>
      expect((await db.prisma.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).ownerId).toBe(
        JORDAN.id,
      ),
    );
    const photo = slack.addFile({ name: "sticker.png", mimetype: "image/png", bytes: png(2) });
    const before = twilio.messages.length;
    await a.replyInThread(JORDAN.id, "the window sticker", card, {
      files: [slackFileObject(photo)],
      subtype: "file_share",
    });
    await vi.waitFor(() => expect(twilio.messages.slice(before).filter((m) => m.mediaUrls.length > 0)).toHaveLength(1));
    // The claim notice may land after `before` too: the MMS is the message with a file.
    const sent = twilio.messages.slice(before).filter((m) => m.mediaUrls.length > 0);
    const served = await fetch(sent[0]!.mediaUrls[0]!.replace(PUBLIC_URL, b.url));
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png(2));
  });
});
