import { randomBytes } from "node:crypto";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DateTime } from "luxon";
import { ManualClock } from "../../src/adapters/clock/manual-clock.js";
import { PrismaFollowUpStore } from "../../src/adapters/store/prisma/prisma-follow-up-store.js";
import { computeDigest } from "../../src/core/follow-up/digest.js";
import { signTwilioRequest, toFormBody } from "../helpers/sign-requests.js";
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  DEALER_NUMBER,
  HANDOFF_CHANNEL,
  PUBLIC_URL,
  startBaton,
  type RunningBaton,
  newestConversationOf,
} from "../helpers/start-baton.js";

const STORE_LINE = "+15125550199";
const JORDAN = { id: "U0JORDAN01", name: "jordan" };
const TEXT_BACK = "Sorry we missed your call, this is Maple Ridge Motors. How can we help? You can text us right here.";

const callSid = () => `CA${randomBytes(16).toString("hex")}`;
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", parseTagValue: false });

interface Twiml {
  status: number;
  /** The <Response> as an object: Dial, Say, Record, Hangup… with their attributes. */
  response: Record<string, unknown>;
}

/** Posts a voice webhook signed as Twilio signs it (over PUBLIC_URL + path and the form). */
async function postVoice(
  run: RunningBaton,
  path: string,
  params: Record<string, string>,
  signature?: string,
): Promise<Twiml> {
  const body = { AccountSid: ACCOUNT_SID, To: DEALER_NUMBER, ...params };
  const res = await fetch(`${run.url}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": signature ?? signTwilioRequest(AUTH_TOKEN, `${PUBLIC_URL}${path}`, body),
    },
    body: toFormBody(body),
  });
  const text = await res.text();
  const parsed = res.headers.get("content-type")?.includes("xml") ? (xml.parse(text) as { Response?: unknown }) : {};
  // An empty <Response/> (the call just ends) parses as "".
  const response = typeof parsed.Response === "object" && parsed.Response ? parsed.Response : {};
  return { status: res.status, response: response as Record<string, unknown> };
}

/** A call that rang the store's line and ended `status`: the dial's action, as Twilio posts it. */
const dialEnded = (run: RunningBaton, from: string, status: string, sid = callSid()) =>
  postVoice(run, "/twilio/voice/dial-ended", {
    CallSid: sid,
    From: from,
    CallStatus: "in-progress",
    DialCallStatus: status,
  });

const textsTo = (run: RunningBaton, phone: string) => run.twilio.messages.filter((m) => m.to === phone);
/** The words of the <Say> (an element with attributes parses as an object holding them and "#text"). */
const sayOf = (t: Twiml): string => {
  const say = t.response.Say;
  return typeof say === "object" && say ? String((say as { "#text"?: string })["#text"] ?? "") : String(say ?? "");
};
const threadPosts = (run: RunningBaton, ts: string) =>
  run.slack.calls
    .filter((c) => c.method === "chat.postMessage" && c.body.thread_ts === ts)
    .map((c) => String(c.body.text));

describe("missed-call text-back: a store's line that rings first (forwardTo), with voicemail", () => {
  let run: RunningBaton;
  const clock = new ManualClock("2026-03-03T21:12:00Z"); // Tuesday 3:12 PM in Chicago
  let seq = 0;
  const caller = () => `+1512555${String(7100 + ++seq).padStart(4, "0")}`;

  const conversationOf = (phone: string) => newestConversationOf(run, phone);
  /** The store's wall clock now, as the thread says it ("3:12 PM"). */
  const storeTime = () => DateTime.fromJSDate(clock.now(), { zone: "America/Chicago" }).toFormat("h:mm a");
  const callOf = (sid: string) => run.baton.database.prisma.phoneCall.findUniqueOrThrow({ where: { callSid: sid } });

  beforeAll(async () => {
    run = await startBaton(
      { VOICE_FORWARD_TO: STORE_LINE, VOICE_RING_SECONDS: "25", VOICE_VOICEMAIL: "transcribe" },
      { clock },
    );
    run.slack.users.set(JORDAN.id, { name: "jordan", real_name: "Jordan Reyes", display_name: "Jordan" });
  });
  afterAll(async () => run?.stop());

  it("a call rings the store's line through <Dial>, with the ring timeout and the dial's action; nothing is texted", async () => {
    const from = caller();
    const answer = await postVoice(run, "/twilio/voice", { CallSid: callSid(), From: from, CallStatus: "ringing" });
    expect(answer.status).toBe(200);
    expect(answer.response.Dial).toMatchObject({
      timeout: "25",
      action: `${PUBLIC_URL}/twilio/voice/dial-ended`,
      method: "POST",
      answerOnBridge: "true",
      Number: STORE_LINE,
    });
    expect(textsTo(run, from)).toEqual([]);
    expect(answer.response.Dial).not.toHaveProperty("callerId");
    // A withheld number is not passed on (carriers may refuse it): the store's phone shows the number called.
    const withheld = await postVoice(run, "/twilio/voice", {
      CallSid: callSid(),
      From: "anonymous",
      CallStatus: "ringing",
    });
    expect(withheld.response.Dial).toMatchObject({ callerId: DEALER_NUMBER, Number: STORE_LINE });
  });

  it.each(["no-answer", "busy", "failed"])(
    "a ring that ends %s texts the caller within seconds, says so, and offers voicemail",
    async (status) => {
      const from = caller();
      const sid = callSid();
      const answer = await dialEnded(run, from, status, sid);
      expect(answer.status).toBe(200);
      expect(sayOf(answer)).toContain("We've just sent you a text message");
      expect(answer.response.Record).toMatchObject({
        action: `${PUBLIC_URL}/twilio/voice/voicemail-done`,
        recordingStatusCallback: `${PUBLIC_URL}/twilio/voice/recording`,
        transcribe: "true",
        transcribeCallback: `${PUBLIC_URL}/twilio/voice/transcription`,
      });
      await vi.waitFor(() => expect(textsTo(run, from)).toHaveLength(1));
      expect(textsTo(run, from)[0]).toMatchObject({ from: DEALER_NUMBER, body: TEXT_BACK });
      // Recorded once Twilio's answer is back, a moment after the fake has the text.
      await vi.waitFor(async () => expect(await callOf(sid)).toMatchObject({ dialStatus: status, textBack: "sent" }));
    },
  );

  it("a caller who hung up while it rang (canceled) hears nothing more, and is texted all the same; the reply goes on with the AI", async () => {
    const from = caller();
    const answer = await dialEnded(run, from, "canceled");
    expect(answer.response).toEqual({});
    await vi.waitFor(() => expect(textsTo(run, from)).toHaveLength(1));
    // The conversation continues where the store is fast, in text.
    await run.text(from, "Do you have any 2024 Tacomas on the lot?");
    await vi.waitFor(() => expect(textsTo(run, from)).toHaveLength(2));
    expect(textsTo(run, from)[1]!.body).not.toBe(TEXT_BACK);
  });

  it("an answered call, or a redelivered action, texts no one twice", async () => {
    const from = caller();
    expect((await dialEnded(run, from, "completed")).response).toEqual({});
    const sid = callSid();
    await dialEnded(run, from, "no-answer", sid);
    await dialEnded(run, from, "no-answer", sid); // Twilio's retry of the same action
    await run.tick();
    await vi.waitFor(() => expect(textsTo(run, from)).toHaveLength(1));
    await run.tick();
    expect(textsTo(run, from)).toHaveLength(1);
  });

  it("at most one text-back per caller per cooldown (24 h): a second call is not texted, a day later it is", async () => {
    const from = caller();
    await dialEnded(run, from, "no-answer");
    await vi.waitFor(() => expect(textsTo(run, from)).toHaveLength(1));
    const sid = callSid();
    const second = await dialEnded(run, from, "busy", sid);
    expect(sayOf(second)).not.toContain("text");
    await run.tick();
    expect(textsTo(run, from)).toHaveLength(1);
    expect(await callOf(sid)).toMatchObject({ textBack: "cooldown" });

    clock.advance(24 * 3600_000 + 60_000);
    await dialEnded(run, from, "no-answer");
    await vi.waitFor(() => expect(textsTo(run, from)).toHaveLength(2));
  });

  it("never texts a caller who opted out, and does not promise a text", async () => {
    const from = caller();
    await run.text(from, "STOP");
    await conversationOf(from);
    const before = textsTo(run, from).length;
    const sid = callSid();
    const answer = await dialEnded(run, from, "no-answer", sid);
    expect(sayOf(answer)).not.toContain("text");
    await run.tick();
    expect(textsTo(run, from)).toHaveLength(before);
    expect(await callOf(sid)).toMatchObject({ textBack: "opted_out" });
  });

  it("a caller whose conversation a person owns gets no AI text: the owner is told in the thread", async () => {
    const from = caller();
    await run.text(from, "What's your best price on the 2024 Tacoma?");
    const pending = await conversationOf(from);
    await run.click("baton_claim", pending.id, JORDAN, { channel: pending.threadChannel!, ts: pending.threadTs! });
    await vi.waitFor(async () => expect((await conversationOf(from)).status).toBe("claimed"));
    const before = textsTo(run, from).length;

    const sid = callSid();
    const answer = await dialEnded(run, from, "no-answer", sid);
    expect(sayOf(answer)).not.toContain("text");
    await vi.waitFor(async () => expect((await callOf(sid)).textBack).toBe("owner_told"));
    expect(textsTo(run, from)).toHaveLength(before);
    const told = threadPosts(run, pending.threadTs!).find((t) => t.includes("missed a call"));
    expect(told).toContain(`Jordan, you missed a call from the customer at ${storeTime()}`);
  });

  it("a voicemail's link is posted in the conversation's thread (raising a card), with Twilio's transcription; never texted", async () => {
    const from = caller();
    const sid = callSid();
    await dialEnded(run, from, "no-answer", sid);
    await vi.waitFor(() => expect(textsTo(run, from)).toHaveLength(1));
    const recording = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/RE${"ab".repeat(16)}`;
    const callback = await postVoice(run, "/twilio/voice/recording", {
      CallSid: sid,
      RecordingSid: `RE${"ab".repeat(16)}`,
      RecordingUrl: recording,
      RecordingStatus: "completed",
      RecordingDuration: "42",
    });
    expect(callback.status).toBe(204);
    const conversation = await conversationOf(from);
    expect(conversation.status).toBe("pending");
    expect(threadPosts(run, conversation.threadTs!).join("\n")).toContain(
      `Voicemail from the customer's call at ${storeTime()} (0:42): ${recording}.mp3`,
    );

    await postVoice(run, "/twilio/voice/transcription", {
      CallSid: sid,
      TranscriptionStatus: "completed",
      TranscriptionText: "Hi, calling about the red Tacoma, call me back please",
    });
    expect(threadPosts(run, conversation.threadTs!).join("\n")).toContain("calling about the red Tacoma");
    // The card says where this began.
    const card = run.slack.calls.find(
      (c) =>
        c.method === "chat.postMessage" &&
        c.body.channel === HANDOFF_CHANNEL &&
        JSON.stringify(c.body.blocks ?? "").includes(conversation.id),
    );
    expect(JSON.stringify(card?.body.blocks)).toContain("Missed call");
    // The recording is for people only.
    expect(
      textsTo(run, from)
        .map((m) => m.body)
        .join("\n"),
    ).not.toContain("Recordings");

    const done = await postVoice(run, "/twilio/voice/voicemail-done", { CallSid: sid, From: from });
    expect(done.response).toMatchObject({ Hangup: "" });
  });

  it("a number that cannot take texts (a landline: Twilio's 21614) is noted on the call, not retried", async () => {
    const from = caller();
    const sid = callSid();
    const attempts = run.twilio.requests.length;
    run.twilio.failNext(1, { status: 400, code: 21614, message: "'To' number is not a valid mobile number" });
    await dialEnded(run, from, "no-answer", sid);
    await vi.waitFor(async () => expect((await callOf(sid)).textBack).toBe("cannot_text"));
    await run.tick();
    expect(run.twilio.requests.slice(attempts).filter((r) => r.path.endsWith("/Messages.json"))).toHaveLength(1);
    expect(textsTo(run, from)).toEqual([]);
  });

  it("a landline the carrier reports later (30006 on the delivery report) is noted on the call, and people are asked to call back", async () => {
    const from = caller();
    const sid = callSid();
    await dialEnded(run, from, "no-answer", sid);
    await vi.waitFor(async () => expect((await callOf(sid)).textBack).toBe("sent"));
    const sms = textsTo(run, from)[0]!;
    const report = await postVoice(run, "/twilio/status", {
      MessageSid: sms.sid,
      MessageStatus: "undelivered",
      ErrorCode: "30006",
      To: from,
    });
    expect(report.status).toBe(204);
    expect(await callOf(sid)).toMatchObject({ textBack: "cannot_text" });
    const conversation = await conversationOf(from);
    expect(conversation.status).toBe("pending");
    expect(threadPosts(run, conversation.threadTs!).join("\n")).toContain(
      "Their number cannot take texts (a landline?): call them back.",
    );
  });

  it("a text-back that failed for good gives its cooldown back (the next call is texted) and asks people to call back", async () => {
    const from = caller();
    const sid = callSid();
    run.twilio.failNext(1, { status: 400, code: 21211, message: "Invalid 'To' Phone Number" });
    await dialEnded(run, from, "no-answer", sid);
    await vi.waitFor(async () => expect((await callOf(sid)).textBack).toBe("failed"));
    const conversation = await conversationOf(from);
    expect(threadPosts(run, conversation.threadTs!).join("\n")).toContain("call them back");
    // The same caller again, well within 24 hours: this time the text goes.
    await dialEnded(run, from, "busy");
    await vi.waitFor(() => expect(textsTo(run, from)).toHaveLength(1));
  });

  it("a returning customer who writes in Spanish is texted and spoken to in Spanish", async () => {
    const from = caller();
    await run.text(from, "Hola, ¿a qué hora abren el sábado?");
    const first = await conversationOf(from);
    expect(first.language).toBe("es");
    // A person takes it and resolves it: the call opens a new conversation, which knows the customer's language.
    await run.text(from, "Quiero hablar con una persona, por favor");
    const card = await conversationOf(from);
    const thread = { channel: card.threadChannel!, ts: card.threadTs! };
    await run.click("baton_claim", first.id, JORDAN, thread);
    await run.click("baton_resolve", first.id, JORDAN, thread);
    await vi.waitFor(async () => expect((await conversationOf(from)).status).toBe("resolved"));
    const before = textsTo(run, from).length;
    const answer = await dialEnded(run, from, "no-answer");
    expect(answer.response.Say).toMatchObject({ language: "es-MX", voice: "Polly.Mia" });
    await vi.waitFor(() => expect(textsTo(run, from)).toHaveLength(before + 1));
    expect((await conversationOf(from)).previousConversationId).toBe(first.id);
    expect(textsTo(run, from).at(-1)!.body).toContain(
      "Perdón que no pudimos contestar su llamada, le escribe Maple Ridge Motors",
    );
  });

  it("the daily digest counts the day's missed calls, those texted back, and the callers who texted back, even after midnight", async () => {
    clock.advance(3 * 24 * 3600_000); // a day of its own
    const day = DateTime.fromJSDate(clock.now(), { zone: "America/Chicago" }).startOf("day");
    const [answers, silent, optedOut] = [caller(), caller(), caller()];
    await run.text(optedOut, "STOP");
    await conversationOf(optedOut);
    await dialEnded(run, answers, "no-answer");
    await dialEnded(run, silent, "busy");
    await dialEnded(run, optedOut, "no-answer");
    await vi.waitFor(() => expect([textsTo(run, answers).length, textsTo(run, silent).length]).toEqual([1, 1]));
    clock.advance(10 * 3600_000); // past midnight
    await run.text(answers, "Yes, I was calling about the Tacoma");
    await conversationOf(answers);
    const store = new PrismaFollowUpStore(run.baton.database.prisma);
    const rows = await store.loadDigestRows("main", day.toJSDate(), day.plus({ days: 1 }).toJSDate());
    expect(computeDigest(rows).calls).toMatchObject({ missed: 3, textedBack: 2, recovered: 1 });
  });

  it("a missing or forged signature is refused (403) and nothing is stored or texted", async () => {
    const from = caller();
    const sid = callSid();
    const forged = await postVoice(
      run,
      "/twilio/voice/dial-ended",
      { CallSid: sid, From: from, DialCallStatus: "no-answer" },
      "bm90IGEgc2lnbmF0dXJl",
    );
    expect(forged.status).toBe(403);
    const res = await fetch(`${run.url}/twilio/voice`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: toFormBody({ CallSid: sid, From: from, To: DEALER_NUMBER }),
    });
    expect(res.status).toBe(403);
    for (const path of [
      "/twilio/voice/recording",
      "/twilio/voice/transcription",
      "/twilio/voice/voicemail-done?lang=es",
    ])
      expect((await postVoice(run, path, { CallSid: sid }, "bm90IGEgc2lnbmF0dXJl")).status).toBe(403);
    // Signed over its query too: the Spanish goodbye's URL is Twilio's to call, as given.
    const goodbye = await postVoice(run, "/twilio/voice/voicemail-done?lang=es", { CallSid: sid });
    expect(goodbye.response.Say).toMatchObject({ language: "es-MX", "#text": "Gracias. Hasta luego." });
    await run.tick();
    expect(await run.baton.database.prisma.phoneCall.findUnique({ where: { callSid: sid } })).toBeNull();
    expect(textsTo(run, from)).toEqual([]);
  });
});

describe("missed-call text-back: a text-only number (no line to ring), voicemail off", () => {
  let run: RunningBaton;
  afterAll(async () => run?.stop());

  it("answers the call with a short spoken message and texts the caller at once", async () => {
    run = await startBaton({});
    const from = "+15125557301";
    const answer = await postVoice(run, "/twilio/voice", { CallSid: callSid(), From: from, CallStatus: "ringing" });
    expect(answer.response.Dial).toBeUndefined();
    expect(answer.response.Record).toBeUndefined();
    expect(sayOf(answer)).toBe(
      "Thanks for calling Maple Ridge Motors. We've just sent you a text message, and you can text us right back.",
    );
    expect(answer.response).toHaveProperty("Hangup");
    await vi.waitFor(() => expect(textsTo(run, from)).toHaveLength(1));
    expect(textsTo(run, from)[0]!.body).toBe(TEXT_BACK);
  });

  it("a withheld number hears the message and is not texted", async () => {
    const answer = await postVoice(run, "/twilio/voice", {
      CallSid: callSid(),
      From: "anonymous",
      CallStatus: "ringing",
    });
    expect(answer.status).toBe(200);
    expect(sayOf(answer)).toBe("Thanks for calling Maple Ridge Motors.");
    expect(await run.baton.database.prisma.phoneCall.count({ where: { dialStatus: "text_only" } })).toBe(1);
  });
});
