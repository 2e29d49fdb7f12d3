import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../../src/adapters/clock/manual-clock.js";
import { encodePng } from "../../src/adapters/staff-chat/teams/app-package/png.js";
import { slackFileObject, slackFileToCheck, type FakeSlackCall } from "../helpers/fake-slack-api.js";
import { createServer, get } from "node:http";
import type { AddressInfo } from "node:net";
import { ACCOUNT_SID, HANDOFF_CHANNEL, PUBLIC_URL, startBaton, type RunningBaton } from "../helpers/start-baton.js";

const JORDAN = { id: "U0JORDAN01", name: "jordan" };

/** A real picture: a small PNG any browser or phone would draw. */
const png = (seed: number) =>
  encodePng(
    8,
    8,
    new Uint8Array(8 * 8 * 4).map((_, i) => (i * 37 + seed * 101) % 256),
  );
/** The first bytes of a JPEG, and enough of a body to be a file. */
const jpeg = (size = 2048) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, 7)]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

const isCard = (c: FakeSlackCall) =>
  c.method === "chat.postMessage" && c.body.channel === HANDOFF_CHANNEL && !c.body.thread_ts;
const uploadsIn = (run: RunningBaton, ts: string) =>
  run.slack.calls.filter((c) => c.method === "files.completeUploadExternal" && c.body.thread_ts === ts);
const filesOf = (call: FakeSlackCall) => (call.body.files as { id: string }[]).map((f) => f.id);
const threadTexts = (run: RunningBaton, ts: string) =>
  run.slack.calls
    .filter((c) => c.method === "chat.postMessage" && c.body.thread_ts === ts)
    .map((c) => String(c.body.text));
/** A signed link Baton gave Twilio, fetched from the running Baton on a fresh connection (as Twilio would). */
function fromBaton(run: RunningBaton, link: string): Promise<Response> {
  // Not fetch's pooled keep-alive connections: one idle past the server's 5 s keep-alive is reset on reuse.
  return new Promise((resolve, reject) => {
    get(link.replace(PUBLIC_URL, run.url), { agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve(
          new Response(res.statusCode === 204 ? null : Buffer.concat(chunks), {
            status: res.statusCode,
            headers: Object.entries(res.headers).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])) as [
              string,
              string,
            ][],
          }),
        ),
      );
      res.on("error", reject);
    }).on("error", reject);
  });
}

describe("photos both ways through Twilio and Slack", () => {
  let run: RunningBaton;
  const clock = new ManualClock("2026-03-03T16:00:00Z");
  let customerSeq = 0;
  const customer = () => `+1512555${String(7100 + ++customerSeq).padStart(4, "0")}`;

  /** A customer's MMS, its files held at the fake Twilio as real MMS media are. */
  async function mms(from: string, body: string, files: { contentType: string; bytes: Buffer }[]) {
    const media = files.map((f) => ({ ...run.twilio.addMedia(f), contentType: f.contentType }));
    const res = await run.text(from, body, { media: media.map((m) => ({ url: m.url, contentType: m.contentType })) });
    expect(res.status).toBe(200);
    return media;
  }
  async function cardFor(from: string) {
    await run.baton.idle();
    const conversation = await run.baton.database.prisma.conversation.findFirstOrThrow({
      where: { customer: { phone: from } },
    });
    expect(conversation.threadTs).toBeTruthy();
    return { channel: conversation.threadChannel!, ts: conversation.threadTs!, conversationId: conversation.id };
  }

  beforeAll(async () => {
    // A hung Twilio is given a short budget here; production waits 10 s before leaving the files to a job.
    run = await startBaton({}, { clock, mediaFetchBudgetMs: 500 });
    run.slack.users.set(JORDAN.id, { name: "jordan", real_name: "Jordan Reyes", display_name: "Jordan" });
  });
  afterAll(async () => run?.stop());

  it("a photo with no words gets an AI answer, is stored, and is deleted at Twilio; no card", async () => {
    const from = customer();
    const [sent] = await mms(from, "", [{ contentType: "image/png", bytes: png(1) }]);
    await run.baton.idle();
    const replies = run.twilio.messages.filter((m) => m.to === from);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toMatch(/^Thanks for the photo!/);
    expect(run.slack.calls.filter(isCard)).toHaveLength(0);
    const stored = await run.baton.database.prisma.media.findMany({
      where: { conversation: { customer: { phone: from } } },
    });
    expect(stored).toMatchObject([{ status: "stored", contentType: "image/png", direction: "inbound" }]);
    expect(Buffer.from(stored[0]!.bytes!)).toEqual(png(1));
    expect(run.twilio.deletedMedia).toContain(sent!.mediaSid);
    // Words that need a person come next: the new card's thread starts with the photo sent before it.
    await run.text(from, "It's my trade-in. What would you give me for it?");
    const card = await cardFor(from);
    const [upload] = uploadsIn(run, card.ts);
    expect(upload?.body.initial_comment).toContain("1 file sent so far");
    expect(run.slack.files.get(filesOf(upload!)[0]!)!.bytes).toEqual(png(1));
  });

  it("three photos with words that need a person: one card, and the three pictures in its thread as one message", async () => {
    const from = customer();
    const files = [png(2), png(3), jpeg()];
    await mms(from, "Here's my trade-in, what would you give me for it?", [
      { contentType: "image/png", bytes: files[0]! },
      { contentType: "image/png", bytes: files[1]! },
      { contentType: "image/jpeg", bytes: files[2]! },
    ]);
    const card = await cardFor(from);
    const uploads = uploadsIn(run, card.ts);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.body.channel_id).toBe(card.channel);
    const ids = filesOf(uploads[0]!);
    expect(ids.map((id) => run.slack.files.get(id)!.bytes)).toEqual(files);
    expect(run.slack.messages.get(String(uploads[0]!.response.body.ts ?? ""))?.files ?? ids).toHaveLength(3);
    // Every customer file left Twilio once Baton had it.
    expect(run.twilio.deletedMedia.length).toBeGreaterThanOrEqual(4);
  });

  it("a photo into a claimed thread reaches the owner with the customer's words, and the AI stays quiet", async () => {
    const from = customer();
    await run.text(from, "I want to talk to a person about trading in my truck");
    const card = await cardFor(from);
    await run.click("baton_claim", card.conversationId, JORDAN, card);
    // The AI's answer and the claim notice ("Jordan … will text you here shortly").
    await vi.waitFor(() => expect(run.twilio.messages.filter((m) => m.to === from)).toHaveLength(2));
    await mms(from, "here is the scratch on the door", [{ contentType: "image/jpeg", bytes: jpeg(4096) }]);
    await run.baton.idle();
    const [upload] = uploadsIn(run, card.ts);
    expect(upload?.body.initial_comment).toContain("here is the scratch on the door");
    expect(run.slack.files.get(filesOf(upload!)[0]!)!.bytes).toEqual(jpeg(4096));
    expect(run.twilio.messages.filter((m) => m.to === from)).toHaveLength(2);
  });

  describe("a rep's picture out", () => {
    let from: string;
    let card: { channel: string; ts: string; conversationId: string };
    let link: string;

    beforeAll(async () => {
      from = customer();
      await run.text(from, "Can someone call me about financing the Tacoma?");
      card = await cardFor(from);
      await run.click("baton_claim", card.conversationId, JORDAN, card);
      await vi.waitFor(() => expect(run.twilio.messages.filter((m) => m.to === from)).toHaveLength(2));
    });

    const share = (files: ReturnType<typeof run.slack.addFile>[], text: string) =>
      run.replyInThread(JORDAN.id, text, card, { files: files.map(slackFileObject), subtype: "file_share" });

    it("the owner's photo goes out as one MMS with the words, from a signed link that serves it safely", async () => {
      const before = run.twilio.messages.length;
      const photo = run.slack.addFile({ name: "walkaround.png", mimetype: "image/png", bytes: png(9) });
      await share([photo], "Here's the walk-around you asked for");
      await vi.waitFor(() => expect(run.twilio.messages.length).toBe(before + 1));
      const sent = run.twilio.messages.slice(before);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.body).toBe("Here's the walk-around you asked for");
      expect(sent[0]!.mediaUrls).toHaveLength(1);
      link = sent[0]!.mediaUrls[0]!;
      expect(link.startsWith(`${PUBLIC_URL}/media/`)).toBe(true);
      const served = await fromBaton(run, link);
      expect(served.status).toBe(200);
      expect(Buffer.from(await served.arrayBuffer())).toEqual(png(9));
      expect(served.headers.get("content-type")).toBe("image/png");
      expect(served.headers.get("x-content-type-options")).toBe("nosniff");
      expect(served.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(served.headers.get("content-disposition")).toMatch(/^inline; filename="walkaround\.png"/);
      expect(run.slack.downloads).toBeGreaterThanOrEqual(1);
    });

    it("a photo larger than one database read is served whole (read and sent in pieces)", async () => {
      const before = run.twilio.messages.length;
      const bytes = Buffer.concat([jpeg(16), Buffer.from(Array.from({ length: 1_500_000 }, (_, i) => i % 251))]);
      const photo = run.slack.addFile({ name: "sticker.jpg", mimetype: "image/jpeg", bytes });
      await share([photo], "the window sticker");
      await vi.waitFor(() => expect(run.twilio.messages.length).toBe(before + 1));
      const served = await fromBaton(run, run.twilio.messages.at(-1)!.mediaUrls[0]!);
      expect(served.headers.get("content-length")).toBe(String(bytes.length));
      // Buffer.equals, not toEqual: a deep comparison of 1.5 million bytes takes seconds.
      expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
    });

    it("a file the event names only by id (Slack still processing it) is described by files.info, then sent", async () => {
      const before = run.twilio.messages.length;
      const photo = run.slack.addFile({ name: "trade.png", mimetype: "image/png", bytes: png(11) });
      await run.replyInThread(JORDAN.id, "one more angle", card, {
        files: [slackFileToCheck(photo)],
        subtype: "file_share",
      });
      await vi.waitFor(() => expect(run.twilio.messages.length).toBe(before + 1));
      const served = await fromBaton(run, run.twilio.messages.at(-1)!.mediaUrls[0]!);
      expect(Buffer.from(await served.arrayBuffer())).toEqual(png(11));
      expect(run.slack.calls.some((c) => c.method === "files.info" && c.body.file === photo.id)).toBe(true);
    });

    it("a forged or expired link, or none at all, is a 404", async () => {
      const forged = link.replace(/s=[^&]+/, "s=" + "A".repeat(43));
      expect((await fromBaton(run, forged)).status).toBe(404);
      expect((await fromBaton(run, link.replace(/\?.*$/, ""))).status).toBe(404);
      expect(
        (
          await fromBaton(
            run,
            link.replace(/e=\d+/, (e) => `e=${Number(e.slice(2)) + 3600}`),
          )
        ).status,
      ).toBe(404);
      clock.advance(61 * 60_000); // MEDIA_URL_TTL: one hour
      expect((await fromBaton(run, link)).status).toBe(404);
    });

    it("files over 5 MB in all: nothing goes out, and the thread says why", async () => {
      const before = run.twilio.messages.length;
      const big = run.slack.addFile({
        name: "brochure.pdf",
        mimetype: "application/pdf",
        bytes: Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(6 * 1024 * 1024)]),
      });
      await share([big], "the brochure");
      await vi.waitFor(() => expect(threadTexts(run, card.ts).at(-1)).toMatch(/^:warning:/));
      expect(run.twilio.messages.length).toBe(before);
      expect(threadTexts(run, card.ts).at(-1)).toMatch(/Not sent: the files weigh 6 MB, over the 5 MB/);
    });

    it("a file a browser would run (HTML, SVG) is not texted, and neither are the words with it", async () => {
      const before = run.twilio.messages.length;
      const page = run.slack.addFile({
        name: "offer.html",
        mimetype: "text/html",
        bytes: Buffer.from("<script>x</script>"),
      });
      const warnings = () => threadTexts(run, card.ts).filter((t) => t.startsWith(":warning:")).length;
      const warned = warnings();
      await share([page], "see attached");
      await vi.waitFor(() => expect(warnings()).toBe(warned + 1));
      const disguised = run.slack.addFile({ name: "photo.png", mimetype: "image/png", bytes: SVG });
      await share([disguised], "and this");
      await vi.waitFor(() => expect(warnings()).toBe(warned + 2));
      expect(run.twilio.messages.length).toBe(before);
      const said = threadTexts(run, card.ts).slice(-2);
      expect(said[0]).toMatch(/Not sent: offer\.html is text\/html; only photos/);
      expect(said[1]).toMatch(/Not sent: photo\.png: the file says it is image\/png but its contents are not/);
    });
  });

  it("a customer's file over 5 MB is not stored or shown, and stays at Twilio; the thread says why", async () => {
    const from = customer();
    await run.text(from, "Can a manager look at my trade?");
    const card = await cardFor(from);
    const [big] = await mms(from, "full resolution", [{ contentType: "image/jpeg", bytes: jpeg(6 * 1024 * 1024) }]);
    await run.baton.idle();
    expect(
      await run.baton.database.prisma.media.findMany({ where: { conversationId: card.conversationId } }),
    ).toMatchObject([{ status: "refused", bytes: null }]);
    expect(threadTexts(run, card.ts).join("\n")).toMatch(
      /full resolution \[a file not shown: the file is .* over the .* limit\]/,
    );
    expect(run.twilio.deletedMedia).not.toContain(big!.mediaSid);
  });

  it("Slack refusing the upload (no files:write) still puts the customer's words in the thread, saying why", async () => {
    const from = customer();
    await run.text(from, "Can I talk to a person about my trade?");
    const card = await cardFor(from);
    run.slack.failNext("files.getUploadURLExternal", { error: "missing_scope" });
    await mms(from, "the truck from the side", [{ contentType: "image/png", bytes: png(4) }]);
    await run.baton.idle();
    expect(threadTexts(run, card.ts).join("\n")).toMatch(
      /Customer:\* the truck from the side \[1 file the chat would not take: .*missing_scope/,
    );
  });

  it("a customer's SVG is never stored or shown; the thread says it was not shown", async () => {
    const from = customer();
    await run.text(from, "I need to speak with a manager please");
    const card = await cardFor(from);
    const [svg] = await mms(from, "look at this", [{ contentType: "image/svg+xml", bytes: SVG }]);
    await run.baton.idle();
    // Refused, so left at Twilio: its console keeps the only copy.
    expect(run.twilio.deletedMedia).not.toContain(svg!.mediaSid);
    expect(
      await run.baton.database.prisma.media.count({ where: { conversationId: card.conversationId, status: "stored" } }),
    ).toBe(0);
    expect(threadTexts(run, card.ts).join("\n")).toMatch(
      /look at this \[a file not shown: image\/svg\+xml files are not allowed/,
    );
    expect(uploadsIn(run, card.ts)).toHaveLength(0);
  });

  it("a MediaUrl that redirects to the provider's file host is followed, without the account's credentials", async () => {
    const from = customer();
    await run.text(from, "I'd like a person to look at my trade");
    const card = await cardFor(from);
    run.twilio.redirectMediaToCdn = true;
    try {
      await mms(from, "rear bumper", [{ contentType: "image/png", bytes: png(7) }]);
      await run.baton.idle();
    } finally {
      run.twilio.redirectMediaToCdn = false;
    }
    expect(run.twilio.cdnRequests.at(-1)).toEqual({ path: expect.stringMatching(/^\/cdn\//) });
    const [upload] = uploadsIn(run, card.ts);
    expect(run.slack.files.get(filesOf(upload!)[0]!)!.bytes).toEqual(png(7));
  });

  it("a media URL that is not this account's at Twilio is never fetched, so the credentials go nowhere else", async () => {
    const elsewhere = createServer((req, res) => {
      asked.push(String(req.headers.authorization ?? "none"));
      res.writeHead(200, { "content-type": "image/png" }).end(png(5));
    });
    const asked: string[] = [];
    await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
    const port = (elsewhere.address() as AddressInfo).port;
    const from = customer();
    await run.text(from, "I need a manager please");
    const card = await cardFor(from);
    const otherAccount = run.twilio
      .addMedia({ contentType: "image/png", bytes: png(6) })
      .url.replace(/AC[0-9a-f]{32}/, `AC${"1".repeat(32)}`);
    await run.text(from, "pics", {
      media: [
        {
          url: `http://127.0.0.1:${port}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM${"a".repeat(32)}/Media/ME${"b".repeat(32)}`,
          contentType: "image/png",
        },
        {
          url: `https://api.twilio.com.evil.example/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM${"a".repeat(32)}/Media/ME${"c".repeat(32)}`,
          contentType: "image/png",
        },
        { url: otherAccount, contentType: "image/png" },
      ],
    });
    await run.baton.idle();
    await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
    expect(asked).toEqual([]);
    const said = threadTexts(run, card.ts).join("\n");
    expect(said.match(/not one of this Twilio account's Media URLs/g)).toHaveLength(3);
  });

  it("a Twilio that hangs on a file does not hold the answer: the words go now, the picture comes with a later try", async () => {
    const from = customer();
    await run.text(from, "Can a person look at the dent on my car?");
    const card = await cardFor(from);
    const repliesBefore = run.twilio.messages.filter((m) => m.to === from).length;
    run.twilio.hangNextMediaFetches(1);
    await mms(from, "here is the dent on the door", [{ contentType: "image/png", bytes: png(8) }]);
    await run.baton.idle();
    expect(run.twilio.messages.filter((m) => m.to === from).length).toBe(repliesBefore + 1);
    expect(threadTexts(run, card.ts).join("\n")).toMatch(/here is the dent on the door \[a file is still on its way/);
    clock.advance(20_000);
    await run.tick();
    const [upload] = uploadsIn(run, card.ts);
    expect(run.slack.files.get(filesOf(upload!)[0]!)!.bytes).toEqual(png(8));
  });

  it("a fetch that fails twice: the text is answered at once, and the picture reaches the thread on the third try", async () => {
    const from = customer();
    await run.text(from, "I'd like to talk to someone about my trade-in");
    const card = await cardFor(from);
    run.twilio.failNextMediaFetches(2, { status: 500 });
    const [sent] = await mms(from, "the dashboard light", [{ contentType: "image/jpeg", bytes: jpeg(3000) }]);
    await run.baton.idle();
    // The words reached the thread at once, saying the picture is on its way.
    expect(threadTexts(run, card.ts).join("\n")).toMatch(/the dashboard light \[a file is still on its way/);
    expect(uploadsIn(run, card.ts)).toHaveLength(0);
    clock.advance(20_000);
    await run.tick(); // second try: fails again
    expect(uploadsIn(run, card.ts)).toHaveLength(0);
    clock.advance(60_000);
    await run.tick(); // third try
    const [upload] = uploadsIn(run, card.ts);
    expect(upload).toBeDefined();
    expect(run.slack.files.get(filesOf(upload!)[0]!)!.bytes).toEqual(jpeg(3000));
    expect(run.twilio.deletedMedia).toContain(sent!.mediaSid);
    clock.advance(5 * 60_000);
    await run.tick();
    expect(uploadsIn(run, card.ts)).toHaveLength(1);
  });

  it("files past MEDIA_RETENTION_DAYS are deleted by the scheduler", async () => {
    const prisma = run.baton.database.prisma;
    expect(await prisma.media.count()).toBeGreaterThan(0);
    clock.advance(91 * 24 * 60 * 60_000);
    await run.tick();
    expect(await prisma.media.count()).toBe(0);
  });
});
