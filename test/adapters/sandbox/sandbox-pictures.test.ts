import { afterEach, describe, expect, it } from "vitest";
import { SandboxMediaSource } from "../../../src/adapters/sandbox/sandbox-media-source.js";
import { SandboxFeed, type SandboxEntry } from "../../../src/adapters/sandbox/sandbox-feed.js";
import { SandboxStaffChat } from "../../../src/adapters/staff-chat/sandbox/sandbox-staff-chat.js";
import { encodePng } from "../../../src/adapters/staff-chat/teams/app-package/png.js";
import { MediaFetchError, type MediaFile } from "../../../src/core/ports/media.js";
import { followSandboxFeed, type FeedEvent, type FeedFollower } from "../../helpers/follow-sandbox-feed.js";
import { startSandbox, type RunningSandbox } from "../../helpers/start-sandbox.js";

const MARIA = "+15125550101";
const JORDAN = "U0SBJORDAN";

/** A real 2×2 PNG: Baton checks a picture's bytes against its type. */
const PNG = encodePng(2, 2, new Uint8Array(16).fill(200));
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const file = (bytes: Uint8Array, contentType: string, name?: string) => ({
  contentType,
  data: Buffer.from(bytes).toString("base64"),
  ...(name ? { name } : {}),
});

let sandbox: RunningSandbox | undefined;
let feed: FeedFollower | undefined;
afterEach(async () => {
  feed?.stop();
  await sandbox?.stop();
  sandbox = feed = undefined;
});

async function start() {
  sandbox = await startSandbox();
  feed = await followSandboxFeed(sandbox.url);
  return { s: sandbox, f: feed };
}

/** The files the simulated phone holds until Baton fetches them. */
const phoneFiles = (s: RunningSandbox) => (s.baton.deps.media!.source as SandboxMediaSource).size;

/** A card for Maria, claimed by Jordan: the thread the tests look at. */
async function claimedCard(s: RunningSandbox, f: FeedFollower) {
  await s.post("text", { from: MARIA, body: "Can I talk to a person about my trade-in?" });
  const card = await f.waitFor((e) => e.type === "card");
  await s.post("action", { actionId: "baton_claim", value: card.conversationId, ts: card.ts, repId: JORDAN });
  await f.waitFor((e) => e.type === "sms" && e.direction === "out" && String(e.body).includes("Jordan Lee"));
  return String(card.ts);
}

const errorOf = async (res: Response) => ({ status: res.status, ...((await res.json()) as { error?: string }) });

describe("the sandbox carries pictures both ways through Baton", () => {
  it("shows the phone's picture in the thread at a signed link, and texts the rep's picture as an MMS", async () => {
    const { s, f } = await start();
    const ts = await claimedCard(s, f);

    const sent = await s.post("text", { from: MARIA, body: "here it is", media: [file(PNG, "image/png", "car.png")] });
    expect(sent.status).toBe(202);
    const { providerId } = (await sent.json()) as { providerId: string };
    expect(f.events.find((e) => e.providerId === providerId)).toMatchObject({ media: [{ contentType: "image/png" }] });
    const line = await f.waitFor((e) => e.type === "thread" && e.kind === "customer" && Array.isArray(e.files));
    expect(line).toMatchObject({ ts, text: "here it is", files: [{ contentType: "image/png" }] });
    const shown = (line.files as { url: string; name: string }[])[0]!;
    expect(shown.url).toMatch(/^\/media\/[^/?]+\?e=\d+&s=/); // same-origin, signed
    const served = await fetch(`${s.url}${shown.url}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    expect(phoneFiles(s)).toBe(0); // fetched, then deleted at the "carrier"

    const reply = await s.post("reply", {
      ts,
      repId: JORDAN,
      text: "Here's the one on our lot",
      attachments: [file(PNG, "image/png", "lot.png")],
    });
    const answer = (await reply.json()) as { outcome: string; replyId: string };
    expect(answer).toMatchObject({ outcome: "sent", replyId: expect.any(String) });
    expect(f.events.find((e) => e.type === "thread" && e.kind === "rep" && e.replyId === answer.replyId)).toMatchObject(
      {
        files: [{ name: "lot.png", contentType: "image/png" }],
      },
    );
    const mms = await f.waitFor((e) => e.type === "sms" && e.direction === "out" && Array.isArray(e.mediaUrls));
    expect(mms.body).toBe("Here's the one on our lot");
    const [link] = mms.mediaUrls as string[];
    const fetched = await fetch(`${s.url}${link}`);
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(PNG)).toBe(true);

    // A reply of only a picture is a reply too.
    expect(
      await (await s.post("reply", { ts, repId: JORDAN, text: "", attachments: [file(PNG, "image/png")] })).json(),
    ).toMatchObject({
      outcome: "sent",
    });
  }, 60_000); // a start, a claimed card and two MMS: slow on a busy machine

  it("does not show a picture of a forbidden type (SVG): the thread says it was not shown", async () => {
    const { s, f } = await start();
    const ts = await claimedCard(s, f);
    expect((await s.post("text", { from: MARIA, body: "my car", media: [file(SVG, "image/svg+xml")] })).status).toBe(
      202,
    );
    const line = await f.waitFor(
      (e) => e.type === "thread" && e.kind === "customer" && String(e.text).startsWith("my car"),
    );
    expect(line).toMatchObject({ ts });
    expect(line.files).toBeUndefined();
    expect(String(line.text)).toMatch(/\[a file not shown: image\/svg\+xml files are not allowed/);
    expect(phoneFiles(s)).toBe(1); // refused: left at the "carrier", which keeps the only copy
    const rows = await s.baton.database.prisma.media.findMany();
    expect(rows.map((r) => [r.status, r.bytes])).toEqual([["refused", null]]);

    // A rep's SVG is not texted: nothing goes, and the thread says why.
    const reply = await s.post("reply", {
      ts,
      repId: JORDAN,
      text: "look",
      attachments: [file(SVG, "image/svg+xml", "x.svg")],
    });
    expect(await reply.json()).toMatchObject({ outcome: "refused" });
    await f.waitFor(
      (e) => e.type === "thread" && e.kind === "warning" && String(e.text).includes("Not sent: x.svg is image/svg+xml"),
    );
    expect(f.events.some((e) => e.type === "sms" && e.direction === "out" && e.body === "look")).toBe(false);
  }, 60_000);

  it("refuses malformed base64, too many and too large files with a clear 400, keeping nothing", async () => {
    const { s, f } = await start();
    const texts = (body: string) => f.events.filter((e: FeedEvent) => e.type === "sms" && e.body === body);
    const cases: [unknown[], number, RegExp][] = [
      [[{ contentType: "image/png", data: "iVBORw0KGgo!!!" }], 400, /^invalid media\.0\.data: not base64/],
      [
        [{ contentType: "image/png", data: "data:image/png;base64,iVBORw0K" }],
        400,
        /^invalid media\.0\.data: not base64/,
      ],
      [[{ contentType: "image/png", data: "" }], 400, /^invalid media\.0\.data: the file is empty/],
      [[{ contentType: "not a type", data: "AAAA" }], 400, /^invalid media\.0\.contentType/],
      [Array.from({ length: 11 }, () => file(PNG, "image/png")), 400, /^too many media: 11 files, over the 10/],
      [
        [file(new Uint8Array(5 * 1024 * 1024 + 1), "image/png")],
        400,
        /^media too large: 5,242,881 bytes in all, over the 5 MB \(5,242,880 bytes\) one text can carry$/,
      ],
      [
        [file(new Uint8Array(2_700_000), "image/png"), file(new Uint8Array(2_700_000), "image/png")],
        400,
        /^media too large: 5,400,000 bytes/,
      ],
      [[file(new Uint8Array(6_500_000), "image/png")], 413, /^body too large: over the 8 MB this route takes/],
    ];
    for (const [media, status, error] of cases) {
      const res = await s.post("text", { from: MARIA, body: `try ${status}`, media });
      const said = await errorOf(res);
      expect(said.status, JSON.stringify(said)).toBe(status);
      expect(said.error).toMatch(error);
    }
    expect(texts("try 400")).toEqual([]);
    expect(texts("try 413")).toEqual([]);
    expect(phoneFiles(s)).toBe(0);
    expect(await s.baton.database.prisma.media.count()).toBe(0);
    expect(await s.baton.database.prisma.message.count()).toBe(0);

    // The same checks on a rep's reply; other routes keep their small limit.
    const bad = await s.post("reply", {
      ts: "1.000001",
      repId: JORDAN,
      text: "x",
      attachments: [{ contentType: "image/png", data: "@@" }],
    });
    expect(await errorOf(bad)).toEqual({
      status: 400,
      error: expect.stringMatching(/^invalid attachments\.0\.data: not base64/),
    });
    expect(await errorOf(await s.post("reply", { ts: "1.000001", repId: JORDAN, text: "" }))).toEqual({
      status: 400,
      error: "invalid text",
    });
    expect(
      await errorOf(await s.post("signal", { phone: MARIA, reachable: true, pad: "x".repeat(20_000) })),
    ).toMatchObject({
      status: 413,
      error: "body too large: over the 16 kB this route takes",
    });
    expect(f.events.some((e) => e.type === "thread")).toBe(false);
  }, 60_000);
});

describe("the sandbox's adapters for files", () => {
  const picture = (id: string): MediaFile => ({
    id,
    conversationId: "c1",
    direction: "inbound",
    contentType: "image/png",
    fileName: `${id}.png`,
    size: PNG.byteLength,
    createdAt: new Date(0),
    bytes: PNG,
  });
  const clock = { now: () => new Date("2026-11-24T16:05:00Z") };
  const thread = { chat: "sandbox", channel: "handoffs", ts: "1.000001" };

  it("shows files at their links, or the words and a count before it has links", async () => {
    const feed = new SandboxFeed();
    const chat = new SandboxStaffChat(feed, clock);
    await chat.postFiles(thread, { kind: "customer", text: "two <angles>" }, [picture("a"), picture("b")]);
    chat.showFilesAt({ urlFor: (id) => `/media/${id}?e=1&s=x` });
    await chat.postFiles(thread, { kind: "customer", text: "" }, [picture("c")]);
    const lines = feed.since(0) as (SandboxEntry & { type: "thread" })[];
    expect(lines.map((l) => [l.text, l.files])).toEqual([
      ["two &lt;angles&gt; [2 files]", undefined],
      ["", [{ name: "c.png", contentType: "image/png", url: "/media/c?e=1&s=x" }]],
    ]);
  });

  it("keeps a phone's files until Baton fetches and deletes them, and nothing else", async () => {
    const source = new SandboxMediaSource();
    const url = source.add("image/png", PNG);
    expect(url).toMatch(/^sandbox-media:[0-9a-f-]{36}$/);
    await expect(source.fetch(url, 10)).rejects.toMatchObject({
      permanent: true,
      message: expect.stringContaining("over"),
    });
    expect(await source.fetch(url, PNG.byteLength)).toEqual({ contentType: "image/png", bytes: PNG });
    await source.delete(url);
    expect(source.size).toBe(0);
    await expect(source.fetch(url, 1000)).rejects.toBeInstanceOf(MediaFetchError);
    await expect(source.fetch("https://api.twilio.com/x", 1000)).rejects.toMatchObject({ permanent: true });
  });
});
