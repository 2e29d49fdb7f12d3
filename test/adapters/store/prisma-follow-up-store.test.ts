import pg from "pg";
import { describe, expect, it } from "vitest";
import { PrismaFollowUpStore } from "../../../src/adapters/store/prisma/prisma-follow-up-store.js";
import { storeWithDealership } from "../../helpers/store-with-dealership.js";
import { testStores } from "../../helpers/test-database.js";

const T0 = Date.parse("2026-03-02T15:00:00Z");
const at = (ms: number) => new Date(T0 + ms);
const DAY = 24 * 3600_000;

describe.each(testStores())("appointments in the store (%s)", (kind) => {
  const fixture = storeWithDealership(kind);

  const conversation = async () =>
    (
      await fixture.store.recordInbound({
        dealershipId: "main",
        from: "+15125550301",
        body: "can I come Saturday at 10?",
        providerId: "SM00000000000000000000000000000301",
        numMedia: 0,
        receivedAt: at(0),
      })
    ).conversationId;

  /** Another connection in a transaction that holds the conversation's row, as a replica mid-save does (PostgreSQL). */
  const holdConversation = async (conversationId: string): Promise<pg.Client> => {
    const other = new pg.Client({ connectionString: fixture.db.url });
    await other.connect();
    await other.query("BEGIN");
    await other.query(`SELECT id FROM "Conversation" WHERE id = $1 FOR UPDATE`, [conversationId]);
    return other;
  };

  const appointment = (conversationId: string, when: Date, source = "ai") => ({
    conversationId,
    dealershipId: "main",
    kind: "test_drive" as const,
    at: when,
    note: "Saturday at 10",
    source,
  });

  it("a new time replaces the scheduled one and plans its jobs; the same time again changes nothing", async () => {
    const appointments = new PrismaFollowUpStore(fixture.db.prisma);
    const id = await conversation();
    const job = (dedupeKey: string) => ({
      type: "crm_webhook" as const,
      dealershipId: "main",
      conversationId: id,
      dueAt: at(1000),
      payload: { eventId: dedupeKey, event: "appointment.saved" as const, occurredAt: at(0).toISOString() },
      dedupeKey,
    });
    const first = await appointments.saveAppointment(appointment(id, at(DAY)), [job("first")]);
    expect(first).toMatchObject({ created: true, replaced: [], appointment: { at: at(DAY), status: "scheduled" } });

    const again = await appointments.saveAppointment(appointment(id, at(DAY)), [job("again")]);
    expect(again).toEqual({ appointment: first.appointment, created: false, replaced: [] });

    const moved = await appointments.saveAppointment(appointment(id, at(2 * DAY), "rep:U1"), [job("moved")]);
    expect(moved).toMatchObject({
      created: true,
      replaced: [first.appointment.id],
      appointment: { at: at(2 * DAY), source: "rep:U1", note: "Saturday at 10" },
    });
    expect((await appointments.getAppointment(first.appointment.id))!.status).toBe("replaced");
    // Jobs go with a change only: the unchanged save planned none.
    const jobs = await fixture.db.prisma.scheduledJob.findMany({ orderBy: { dedupeKey: "asc" } });
    expect(jobs.map((j) => [j.dedupeKey, j.conversationId])).toEqual([
      ["first", id],
      ["moved", id],
    ]);
  });

  // PostgreSQL only: a server connection that can be cut while the save waits on it.
  it.runIf(kind === "postgres")(
    "a save whose connection is cut mid-transaction fails on its own; the store goes on",
    async () => {
      const appointments = new PrismaFollowUpStore(fixture.db.prisma);
      const id = await conversation();
      const other = await holdConversation(id);
      try {
        const saving = appointments.saveAppointment(appointment(id, at(DAY)));
        const settled = saving.then(
          () => "saved",
          (error: unknown) => error,
        );
        // The save's connection, waiting on the lock inside its transaction, is cut by the server.
        let waiting: number | undefined;
        for (let i = 0; i < 50 && !waiting; i++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          const { rows } = await other.query<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
          );
          waiting = rows[0]?.pid;
        }
        expect(waiting).toBeDefined();
        await other.query("SELECT pg_terminate_backend($1)", [waiting]);
        await other.query("ROLLBACK");
        expect(await settled).toBeInstanceOf(Error);
      } finally {
        await other.end();
      }
      const saved = await appointments.saveAppointment(appointment(id, at(2 * DAY)));
      expect(saved).toMatchObject({ created: true, replaced: [] });
    },
  );

  // PostgreSQL only: the embedded PGlite is one process's own database, with no other replica to wait for.
  it.runIf(kind === "postgres")(
    "a save waits for another replica's save of the same conversation, then replaces what it scheduled",
    async () => {
      const appointments = new PrismaFollowUpStore(fixture.db.prisma);
      const id = await conversation();
      // Another replica, mid-save: it holds the conversation and has written its appointment, not yet committed.
      const other = await holdConversation(id);
      try {
        await other.query(
          `INSERT INTO "Appointment" ("id", "conversationId", "dealershipId", "kind", "at", "source") VALUES ('other', $1, 'main', 'visit', $2, 'rep:U2')`,
          [
            id,
            at(3 * DAY)
              .toISOString()
              .replace("Z", ""),
          ],
        );
        const saving = appointments.saveAppointment(appointment(id, at(DAY)));
        await new Promise((resolve) => setTimeout(resolve, 200));
        await other.query("COMMIT");
        expect((await saving).replaced).toEqual(["other"]);
      } finally {
        await other.end();
      }
      const rows = await fixture.db.prisma.appointment.findMany({
        where: { conversationId: id },
        orderBy: { source: "asc" },
      });
      expect(rows.map((r) => [r.source, r.status])).toEqual([
        ["ai", "scheduled"],
        ["rep:U2", "replaced"],
      ]);
    },
  );
});
