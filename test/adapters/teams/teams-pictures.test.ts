import type { TurnContext } from "botbuilder";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { encodePng } from "../../../src/adapters/staff-chat/teams/app-package/png.js";
import { renderFilesCard } from "../../../src/adapters/staff-chat/teams/render-files-card.js";
import { TeamsStaffChat } from "../../../src/adapters/staff-chat/teams/teams-staff-chat.js";
import { RecentMembers } from "../../../src/adapters/staff-chat/teams/recent-members.js";
import { silentLogger } from "../../../src/core/ports/logger.js";
import { mayCarryBotToken, repAttachmentsOf } from "../../../src/adapters/staff-chat/teams/teams-attachments.js";
import { startFakeTeamsConnector, type FakeTeamsCall } from "../../helpers/fake-teams-connector.js";
import { PUBLIC_URL } from "../../helpers/start-baton.js";
import { startTeamsBaton, type RunningTeamsBaton } from "../../helpers/start-teams-baton.js";
import {
  actionExecute,
  channelMessage,
  installActivity,
  TEAMS_ACTIVITY_SOURCE,
  type TeamsWorld,
} from "../../helpers/teams-activities.js";

const CUSTOMER = "+15125550177";
const TEAM = { id: "19:pictures-team@thread.tacv2", name: "Maple Ridge Motors" };
const SALES = { id: "19:pictures-sales@thread.tacv2", name: "Sales floor" };
const JORDAN = { id: "29:jordan-reyes", name: "Jordan Reyes" };
const ADMIN = { id: "29:it-admin", name: "Casey Admin" };

/** A real picture: a small PNG any browser or phone would draw. */
const png = (seed: number) =>
  encodePng(
    6,
    6,
    new Uint8Array(6 * 6 * 4).map((_, i) => (i * 29 + seed * 97) % 256),
  );
/** A JPEG's signature and enough of a body to be a file. */
const jpeg = (size = 1024) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, 9)]);

type Card = { type: string; version: string; body: Record<string, any>[] };
const cardOf = (call: FakeTeamsCall): Card | undefined =>
  (call.body.attachments as { contentType: string; content: Card }[] | undefined)?.find(
    (a) => a.contentType === "application/vnd.microsoft.card.adaptive",
  )?.content;
const imagesOf = (card: Card) => card.body.filter((e) => e.type === "Image");
const wordsOf = (card: Card) =>
  card.body
    .filter((e) => e.type === "RichTextBlock")
    .flatMap((e) => e.inlines.map((i: { text: string }) => i.text))
    .join("");
/** A signed link Baton handed out (under PUBLIC_URL), fetched from the running Baton. */
const fromBaton = (run: RunningTeamsBaton, link: string) => fetch(link.replace(PUBLIC_URL, run.url));

describe(`Teams: pictures both ways (${TEAMS_ACTIVITY_SOURCE})`, () => {
  let run: RunningTeamsBaton;
  let world: TeamsWorld;
  let cardId: string;
  let conversationId: string;
  const inThread = (c: FakeTeamsCall) => c.kind === "send" && c.conversationId === `${SALES.id};messageid=${cardId}`;

  /** A customer's MMS, its files held at the fake Twilio as real MMS media are. */
  async function mms(body: string, files: { contentType: string; bytes: Buffer }[]) {
    const media = files.map((f) => ({ ...run.twilio.addMedia(f), contentType: f.contentType }));
    const res = await run.text(CUSTOMER, body, {
      media: media.map((m) => ({ url: m.url, contentType: m.contentType })),
    });
    expect(res.status).toBe(200);
    await run.baton.idle();
    return media;
  }
  /** The owner's reply in the card's thread, with what Teams attaches to a message with a pasted image. */
  function reply(text: string, images: { contentUrl: string; contentType?: string; name?: string }[]) {
    return run.activity(
      channelMessage(world, {
        channelId: SALES.id,
        rootId: cardId,
        from: JORDAN,
        text,
        attachments: [
          ...images.map((i) => ({ contentType: i.contentType ?? "image/*", contentUrl: i.contentUrl, name: i.name })),
          { contentType: "text/html", content: `<p>${text}</p><p><img src="${images[0]?.contentUrl}"></p>` },
        ],
      }),
    );
  }

  beforeAll(async () => {
    run = await startTeamsBaton();
    world = {
      serviceUrl: run.teams.serviceUrl,
      tenantId: "50612dbb-0237-4969-b378-8d42590f9c00",
      team: TEAM,
      bot: { id: "28:baton-bot", name: "Baton" },
    };
    run.teams.teams.set(TEAM.id, { name: TEAM.name, channels: [{ id: TEAM.id }, SALES] });
    expect((await run.activity(installActivity(world, ADMIN))).status).toBe(200);
    const command = channelMessage(world, {
      channelId: SALES.id,
      from: ADMIN,
      text: "use this channel for handoffs",
      mentionBot: true,
    });
    expect((await run.activity(command)).status).toBe(200);
    await run.teams.waitFor((c) => c.kind === "send" && c.conversationId === `${SALES.id};messageid=${command.id}`);
  });
  afterAll(async () => run?.stop());

  it("a customer's MMS that needs a person: the card's thread shows the photos from signed links Baton serves, and Twilio's copies are deleted", async () => {
    const files = [png(1), jpeg()];
    const sent = await mms("Here's my trade-in, what would you give me for it?", [
      { contentType: "image/png", bytes: files[0]! },
      { contentType: "image/jpeg", bytes: files[1]! },
    ]);
    const post = await run.teams.waitFor((c) => c.kind === "send" && c.conversationId === SALES.id && !!cardOf(c));
    cardId = post.answeredId!;
    conversationId = (cardOf(post) as unknown as { actions: { data: { conversationId: string } }[] }).actions[0]!.data
      .conversationId;
    expect(conversationId).toBeTruthy();

    const pictures = await run.teams.waitFor((c) => inThread(c) && !!cardOf(c) && imagesOf(cardOf(c)!).length > 0);
    const card = cardOf(pictures)!;
    expect(card.version).toBe("1.5");
    const images = imagesOf(card);
    expect(images).toHaveLength(2);
    for (const [i, image] of images.entries()) {
      expect(image.url).toMatch(new RegExp(`^${PUBLIC_URL}/media/[\\w-]+\\?e=\\d+&s=[\\w-]+$`));
      expect(image.altText).toMatch(/\.(png|jpg)$/);
      const res = await fromBaton(run, image.url);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(i === 0 ? "image/png" : "image/jpeg");
      expect(Buffer.from(await res.arrayBuffer())).toEqual(files[i]);
    }
    expect(pictures.body.summary).toMatch(/\[2 files\]$/);
    expect(run.twilio.deletedMedia).toEqual(expect.arrayContaining(sent.map((m) => m.mediaSid)));
  });

  it("the owner claims; a photo into the claimed thread comes with the customer's words, kept as text", async () => {
    const click = actionExecute(world, {
      channelId: SALES.id,
      cardId,
      from: JORDAN,
      verb: "baton_claim",
      data: { conversationId },
    });
    expect((await run.activity(click)).status).toBe(200);
    await run.baton.idle();
    const before = run.teams.calls.length;
    await mms("here is the scratch on the door [see](https://evil.example)", [
      { contentType: "image/jpeg", bytes: jpeg(2048) },
    ]);
    const pictures = await run.teams.waitFor((c) => run.teams.calls.indexOf(c) >= before && inThread(c) && !!cardOf(c));
    const card = cardOf(pictures)!;
    expect(wordsOf(card)).toBe("💬 Customer: here is the scratch on the door [see](https://evil.example)");
    const [image] = imagesOf(card);
    expect(Buffer.from(await (await fromBaton(run, image!.url)).arrayBuffer())).toEqual(jpeg(2048));
  });

  it("the owner pastes a picture in the thread: one MMS with the words and the picture, which Baton downloaded from the connector", async () => {
    const sends = run.twilio.messages.length;
    const picture = png(7);
    const { id, contentUrl } = run.teams.addAttachment({ contentType: "image/png", bytes: picture });
    expect((await reply("Here's the window sticker for the Tacoma", [{ contentUrl }])).status).toBe(200);
    await run.baton.idle();
    const [sms] = (await run.twilio.waitForMessages(sends + 1)).slice(-1);
    expect(sms!.to).toBe(CUSTOMER);
    expect(sms!.body).toBe("Here's the window sticker for the Tacoma");
    expect(sms!.mediaUrls).toHaveLength(1);
    expect(sms!.mediaUrls[0]!.startsWith(`${PUBLIC_URL}/media/`)).toBe(true);
    const served = await fromBaton(run, sms!.mediaUrls[0]!);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await served.arrayBuffer())).toEqual(picture);
    const fetched = run.teams.calls.filter((c) => c.kind === "attachment" && c.attachmentId === id);
    expect(fetched).toHaveLength(1);
    expect(fetched[0]!.authorization).toBeUndefined(); // emulator mode: no token to send
    expect(run.twilio.messages.length).toBe(sends + 1);
  });

  it("a picture pasted with no words is texted on its own", async () => {
    const sends = run.twilio.messages.length;
    const { contentUrl } = run.teams.addAttachment({ contentType: "image/jpeg", bytes: jpeg(1500) });
    expect((await reply("", [{ contentUrl, name: "odometer.jpg" }])).status).toBe(200);
    await run.baton.idle();
    const [sms] = (await run.twilio.waitForMessages(sends + 1)).slice(-1);
    expect(sms!.body).toBe("");
    expect(sms!.mediaUrls).toHaveLength(1);
    expect(Buffer.from(await (await fromBaton(run, sms!.mediaUrls[0]!)).arrayBuffer())).toEqual(jpeg(1500));
  });

  for (const elsewhere of ["https://example.com/x.png", "http://127.0.0.1:1/evil"]) {
    it(`a picture whose address is not Teams' (${elsewhere}) is not fetched, nothing is texted, and the thread says why`, async () => {
      const sends = run.twilio.messages.length;
      const attachmentGets = run.teams.calls.filter((c) => c.kind === "attachment").length;
      const before = run.teams.calls.length;
      expect((await reply("Photo of the Tacoma attached", [{ contentUrl: elsewhere }])).status).toBe(200);
      await run.baton.idle();
      const told = await run.teams.waitFor(
        (c) => run.teams.calls.indexOf(c) >= before && inThread(c) && String(c.body.text).includes("Not sent"),
      );
      expect(String(told.body.text)).toContain("image-1");
      expect(String(told.body.text)).toContain(`not on Teams (${new URL(elsewhere).hostname})`);
      expect(String(told.body.text)).toContain("Nothing went to the customer");
      expect(run.twilio.messages.length).toBe(sends);
      expect(run.teams.calls.filter((c) => c.kind === "attachment")).toHaveLength(attachmentGets);
    });
  }
});

describe("Teams pictures: the parts", () => {
  const links = { urlFor: (id: string) => `https://baton.example.test/media/${id}?e=1&s=x` };
  const file = (id: string, contentType: string, fileName: string) => ({ id, contentType, fileName });

  it("draws JPEG, PNG and GIF as images and links HEIC, PDF and contact cards, in order, with the words as text", () => {
    const card = renderFilesCard(
      "💬 Customer:",
      "**bold** <b>x</b> [win](https://x.test)",
      [
        file("a", "image/jpeg", "a.jpg"),
        file("b", "image/heic", "b.heic"),
        file("c", "application/pdf", "quote.pdf"),
        file("d", "image/png", "d.png"),
        file("e", "text/vcard", "jordan.vcf"),
        file("f", "image/gif", "f.gif"),
      ],
      links,
    );
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
    expect(card.body[0]).toEqual({
      type: "RichTextBlock",
      inlines: [
        { type: "TextRun", text: "💬 Customer:", weight: "Bolder" },
        { type: "TextRun", text: " **bold** <b>x</b> [win](https://x.test)" },
      ],
    });
    expect(card.body.slice(1).map((e) => (e.type === "Image" ? e.altText : (e.actions as any)[0].title))).toEqual([
      "a.jpg",
      "Open b.heic",
      "Open quote.pdf",
      "d.png",
      "Open jordan.vcf",
      "f.gif",
    ]);
    expect((card.body[3]!.actions as any)[0]).toEqual({
      type: "Action.OpenUrl",
      title: "Open quote.pdf",
      url: links.urlFor("c"),
    });
    expect(card.body[1]).toMatchObject({ url: links.urlFor("a"), selectAction: { type: "Action.OpenUrl" } });
    expect(card.body.filter((e) => e.type === "TextBlock")).toEqual([]); // markdown: never for outside words
  });

  it("sends the bot's token only to the activity's connector and Teams' own hosts", () => {
    const service = "https://smba.trafficmanager.net/amer/tenant/";
    const ok = [
      "https://smba.trafficmanager.net/amer/v3/attachments/0-x/views/original",
      "https://us-api.asm.skype.com/v1/objects/0-x/views/imgo",
      "https://us-prod.asyncgw.teams.microsoft.com/v1/objects/0-x/views/imgo",
      "https://api.botframework.com/v3/attachments/x",
      "http://127.0.0.1:4000/amer/v3/attachments/x",
    ];
    const refused = [
      "https://evil.trafficmanager.net/x.png",
      "https://teams.microsoft.com.evil.test/x.png",
      "https://notskype.com/x.png",
      "http://us-api.asm.skype.com/x.png",
      "https://us-api.asm.skype.com:8443/x.png",
      "https://user:pw@smba.trafficmanager.net/x",
      "http://127.0.0.1:4001/x",
      "https://example.com/x.png",
    ];
    const allowed = (u: string, s = u.startsWith("http://127") ? "http://127.0.0.1:4000/amer/" : service) =>
      mayCarryBotToken(new URL(u), s);
    expect(ok.filter((u) => !allowed(u))).toEqual([]);
    expect(refused.filter((u) => allowed(u))).toEqual([]);
    expect(mayCarryBotToken(new URL("https://example.com/x"), undefined)).toBe(false);
  });

  it("with credentials, downloads with the bot's own token from the turn's connector, capped, and reads no token for a refused address", async () => {
    const connector = await startFakeTeamsConnector();
    try {
      const getToken = vi.fn(async () => "bot-token-from-appcredentials");
      const key = Symbol("ConnectorClient");
      const context = (attachments: Record<string, unknown>[]) =>
        ({
          adapter: { ConnectorClientKey: key },
          turnState: new Map([[key, { credentials: { appId: "00000000-0000-4000-8000-00000000a11d", getToken } }]]),
          activity: { serviceUrl: connector.serviceUrl, attachments },
        }) as unknown as TurnContext;
      const picture = png(3);
      const { id, contentUrl } = connector.addAttachment({ contentType: "image/png", bytes: picture });
      const [pasted, ...rest] = repAttachmentsOf(
        context([
          { contentType: "image/*", contentUrl },
          { contentType: "text/html", content: "<p><img></p>" },
        ]),
      );
      expect(rest).toEqual([]);
      expect(pasted).toMatchObject({ name: "image-1", contentType: "image/*", size: 0 });
      expect(Buffer.from(await pasted!.download(1_000_000))).toEqual(picture);
      const call = connector.calls.find((c) => c.kind === "attachment" && c.attachmentId === id)!;
      expect(call.authorization).toBe("Bearer bot-token-from-appcredentials");
      await expect(pasted!.download(picture.length - 1)).rejects.toThrow(/over the \d+-byte limit/);

      getToken.mockClear();
      const [elsewhere] = repAttachmentsOf(
        context([{ contentType: "image/png", contentUrl: "https://example.com/x.png" }]),
      );
      await expect(elsewhere!.download(1_000_000)).rejects.toThrow(/not on Teams \(example\.com\)/);
      expect(getToken).not.toHaveBeenCalled();

      // A file attached with the paperclip is a SharePoint link: listed, so the reply is not texted without it.
      const [file] = repAttachmentsOf(
        context([
          { contentType: "reference", contentUrl: "https://contoso.sharepoint.com/quote.pdf", name: "quote.pdf" },
        ]),
      );
      expect(file).toMatchObject({ name: "quote.pdf", contentType: "application/pdf" });
      await expect(file!.download(1_000_000)).rejects.toThrow(/SharePoint/);
    } finally {
      await connector.close();
    }
  });

  it("without signed links (no PUBLIC_URL), posts the words and a count in the thread, and no link", async () => {
    const sent: { conversationId: string; activity: Record<string, unknown> }[] = [];
    const key = Symbol("ConnectorClient");
    const connector = {
      conversations: {
        sendToConversation: async (conversationId: string, activity: Record<string, unknown>) => {
          sent.push({ conversationId, activity });
          return { id: "1" };
        },
      },
    };
    const adapter = {
      continueConversationAsync: async (_app: string, _ref: unknown, logic: (c: unknown) => Promise<void>) =>
        logic({ adapter: { ConnectorClientKey: key }, turnState: new Map([[key, connector]]), activity: {} }),
    };
    const channel = { id: "19:c@thread.tacv2", teamId: "19:t@thread.tacv2", reference: {} };
    const store = { getChannel: async () => channel } as never;
    const chat = new TeamsStaffChat(adapter as never, "", store, new RecentMembers(), silentLogger);
    const files = [
      { ...file("a", "image/jpeg", "a.jpg"), bytes: new Uint8Array(), size: 0 },
      { ...file("b", "application/pdf", "b.pdf"), bytes: new Uint8Array(), size: 0 },
    ] as never;
    await chat.postFiles(
      { chat: "teams", channel: channel.id, ts: "42" },
      { kind: "customer", text: "my truck" },
      files,
    );
    expect(sent).toEqual([
      {
        conversationId: `${channel.id};messageid=42`,
        activity: expect.objectContaining({ text: "💬 Customer: my truck [2 files]", textFormat: "plain" }),
      },
    ]);
    expect(JSON.stringify(sent)).not.toContain("/media/");
  });
});
