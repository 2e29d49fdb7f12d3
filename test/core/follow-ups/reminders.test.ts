import { afterEach, describe, expect, it } from "vitest";
import { claimConversation } from "../../../src/core/use-cases/claim-conversation.js";
import { relayRepReply } from "../../../src/core/use-cases/relay-rep-reply.js";
import { HOUR, MINUTE, startFollowUpHarness, type FollowUpHarness } from "../../helpers/follow-up-harness.js";
import { testStores } from "../../helpers/test-database.js";

const MONDAY_9AM = "2026-03-02T15:00:00Z";
const JORDAN = { id: "U0JORDAN01", name: "Jordan Reyes" };
const SAM = { id: "U0SAM00001", name: "Sam" };
const TACOMA = { name: "Dana Reyes", vehicle: { year: 2024, make: "Toyota", model: "Tacoma" } };

describe.each(testStores())(
  "after the handoff: appointments, follow-ups a rep asks for, and reminders to the rep (%s)",
  (kind) => {
    let h: FollowUpHarness;
    afterEach(async () => h?.close());

    /** A handoff, claimed by Jordan: the card's thread is where commands point. */
    async function claimedByJordan(lead: object = TACOMA) {
      h = await startFollowUpHarness({ kind, start: MONDAY_9AM });
      h.brain.next({
        disposition: "handoff",
        handoffReason: "price",
        reply: "Someone from sales will text you.",
        lead,
      });
      const conversationId = await h.text("best price on the Tacoma?");
      await claimConversation(h.deps, conversationId, JORDAN);
      return { conversationId, thread: h.chat.posts[0]!.thread };
    }

    it("reminds the customer 24 h and 2 h before an agreed test drive, with the address, after the handoff too", async () => {
      h = await startFollowUpHarness({ kind, start: MONDAY_9AM });
      h.brain.next({
        intent: "test_drive",
        reply: "You're booked for Wednesday at 3. See you then!",
        disposition: "answer",
        lead: { ...TACOMA, timing: "Wednesday at 3", timingAt: "2026-03-04T15:00:00" },
      });
      const conversationId = await h.text("can I test drive it wednesday at 3?");
      const appointment = await h.db.prisma.appointment.findFirstOrThrow();
      expect(appointment).toMatchObject({
        kind: "test_drive",
        at: new Date("2026-03-04T21:00:00Z"),
        source: "ai",
        status: "scheduled",
      });
      await claimConversation(h.deps, conversationId, JORDAN); // a person owns it now: reminders still go

      await h.advanceTo("2026-03-03T21:00:00Z");
      expect(h.texts().at(-1)).toBe(
        "Hi Dana, a reminder of your test drive at Maple Ridge Motors tomorrow at 3:00 PM. We're at 100 Maple Ridge Rd. Reply here if you need to change it.",
      );
      await h.advanceTo("2026-03-04T19:00:00Z");
      expect(h.texts().at(-1)).toBe(
        "Hi Dana, see you today at 3:00 PM for your test drive at Maple Ridge Motors. We're at 100 Maple Ridge Rd. Reply here if anything changes.",
      );
      await h.advance(10 * 24 * HOUR);
      expect(h.texts().filter((t) => t.includes("test drive at Maple Ridge"))).toHaveLength(2);
    });

    it("replaces the reminders when the time changes, and keeps one when it does not", async () => {
      h = await startFollowUpHarness({ kind, start: MONDAY_9AM });
      const booking = (timingAt: string) =>
        ({
          intent: "service_booking",
          department: "service",
          disposition: "answer",
          reply: "Booked.",
          lead: { timingAt },
        }) as const;
      h.brain.next(booking("2026-03-05T08:30:00"));
      await h.text("oil change thursday 8:30");
      h.brain.next(booking("2026-03-05T08:30:00"));
      await h.text("thanks");
      expect(await h.db.prisma.appointment.count()).toBe(1);
      h.brain.next(booking("2026-03-06T10:00:00"));
      await h.text("actually friday at 10");
      expect((await h.pendingJobs("appointment_reminder")).map((j) => j.dueAt.toISOString())).toEqual([
        "2026-03-05T16:00:00.000Z",
        "2026-03-06T14:00:00.000Z",
      ]);
      expect(
        await h.db.prisma.appointment.findMany({ select: { status: true }, orderBy: { createdAt: "asc" } }),
      ).toEqual([{ status: "replaced" }, { status: "scheduled" }]);
    });

    it("sends the follow-up a rep asks for from the thread on time, in their name, with the context", async () => {
      const { thread } = await claimedByJordan();
      const notice = await h.scheduler.staffCommand({
        text: "followup 3d Did you get a chance to look at the numbers?",
        rep: JORDAN,
        chat: "recording",
        channel: "C0TEST",
        thread,
      });
      expect(notice).toContain("Baton will text the customer on Thu, Mar 5 at 9:00 AM");
      const sent = h.texts().length;
      await h.advance(3 * 24 * HOUR - MINUTE);
      expect(h.texts()).toHaveLength(sent);
      await h.advance(MINUTE);
      expect(h.texts().at(-1)).toBe(
        "Hi Dana, it's Jordan at Maple Ridge Motors, following up about the 2024 Toyota Tacoma. Did you get a chance to look at the numbers?",
      );
      expect(h.chat.posts.at(-1)!.post.text).toContain("Follow-up sent, as Jordan Reyes asked");
    });

    it("finds the conversation without a link when the rep owns one in the channel; refuses anyone but the owner", async () => {
      await claimedByJordan();
      expect(
        await h.scheduler.staffCommand({ text: "followup 2h", rep: JORDAN, chat: "recording", channel: "C0TEST" }),
      ).toContain("Baton will text the customer today at 11:00 AM");
      expect(
        await h.scheduler.staffCommand({ text: "followup 2h", rep: SAM, chat: "recording", channel: "C0TEST" }),
      ).toContain("Which conversation?");
      expect(
        await h.scheduler.staffCommand({
          text: "followup 2h",
          rep: SAM,
          chat: "recording",
          channel: "C0TEST",
          thread: h.chat.posts[0]!.thread,
        }),
      ).toContain("Jordan Reyes owns this conversation");
      expect(
        await h.scheduler.staffCommand({ text: "followup soon", rep: JORDAN, chat: "recording", channel: "C0TEST" }),
      ).toContain('"soon" is not a delay');
      expect(await h.pendingJobs("rep_followup")).toHaveLength(1);
      expect(
        await h.scheduler.staffCommand({
          text: "appointment 2026-03-03 15:00 test drive",
          rep: JORDAN,
          chat: "recording",
          channel: "C0TEST",
        }),
      ).toBe("Appointment saved (tomorrow at 3:00 PM, America/Chicago time); Baton will remind the customer.");
      expect(await h.db.prisma.appointment.findFirst()).toMatchObject({
        kind: "test_drive",
        at: new Date("2026-03-03T21:00:00Z"),
        source: `rep:${JORDAN.id}`,
      });
    });

    it("skips the follow-up when the customer wrote in the meantime", async () => {
      const { thread } = await claimedByJordan();
      await h.scheduler.staffCommand({
        text: "followup 1d",
        rep: JORDAN,
        chat: "recording",
        channel: "C0TEST",
        thread,
      });
      await h.advance(HOUR);
      await h.text("still thinking about it");
      const sent = h.texts().length;
      await h.advance(24 * HOUR);
      expect(h.texts()).toHaveLength(sent);
      expect(h.chat.posts.at(-1)!.post.text).toContain("the customer wrote since");
    });

    it("reminds the owner in the thread when the customer has waited too long for them, once per unanswered stretch", async () => {
      const { conversationId, thread } = await claimedByJordan();
      await relayRepReply(h.deps, {
        thread,
        rep: JORDAN,
        text: "Hi Dana, Jordan here. Let me check.",
        deliveryKey: "r1",
      });
      const textsSoFar = h.texts().length;
      await h.advance(20 * MINUTE);
      expect(h.chat.posts.filter((p) => p.post.mention)).toHaveLength(0); // the rep answered in time

      await h.text("any news?");
      await h.advance(MINUTE);
      await h.text("hello??");
      await h.advance(14 * MINUTE);
      const reminders = h.chat.posts.filter((p) => p.post.mention === JORDAN.id);
      expect(reminders).toHaveLength(1);
      expect(reminders[0]!.post.text).toBe(
        "Jordan Reyes, the customer has been waiting 15m for your reply. Reply in this thread, or hand it back to the AI.",
      );
      await h.advance(24 * HOUR);
      expect(h.chat.posts.filter((p) => p.post.mention)).toHaveLength(1);
      expect(h.texts()).toHaveLength(textsSoFar); // a claimed conversation gets no automatic text to the customer
      expect(await h.pendingJobs()).toEqual([]);
      expect(conversationId).toBeTruthy();
    });
  },
);
