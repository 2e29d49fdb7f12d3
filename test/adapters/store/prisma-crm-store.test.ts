import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PrismaCrmStore } from "../../../src/adapters/store/prisma/prisma-crm-store.js";
import { PrismaJobStore } from "../../../src/adapters/store/prisma/prisma-job-store.js";
import { createTestDatabase, testStores, type TestDatabase } from "../../helpers/test-database.js";

const T0 = new Date("2026-03-02T15:00:00Z");
const DAY = 24 * 3600_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

describe.each(testStores())("PrismaCrmStore: one ADF per customer and department in the window (%s)", (kind) => {
  let db: TestDatabase;
  let crm: PrismaCrmStore;
  let jobs: PrismaJobStore;

  beforeEach(async () => {
    db = await createTestDatabase({ kind });
    crm = new PrismaCrmStore(db.prisma);
    jobs = new PrismaJobStore(db.prisma);
  });
  afterEach(async () => db?.close());

  /** A crm_lead job for a conversation, claimed by a worker: the id a send holds the customer by. */
  async function leadJob(conversationId: string): Promise<string> {
    await jobs.schedule({
      type: "crm_lead",
      dealershipId: "main",
      conversationId,
      dueAt: T0,
      payload: { department: "sales", trigger: "handoff.requested", occurredAt: T0.toISOString(), tries: 1 },
    });
    const [job] = await jobs.claimDue({ now: T0, limit: 1, leaseMs: 60_000, workerId: "w" });
    return job!.id;
  }

  const claim = (jobId: string, now: Date) => ({
    customerId: "cust_1",
    department: "sales",
    jobId,
    at: now,
    since: new Date(now.getTime() - 30 * DAY),
  });

  it("a second lead waits while the first is still trying, and is skipped once the first was sent", async () => {
    const first = await leadJob("c1");
    const second = await leadJob("c2");
    expect(await crm.takeLeadSend(claim(first, T0))).toBe("taken");
    // Its own retry takes it again; another conversation's lead must wait: the first may yet give up.
    expect(await crm.takeLeadSend(claim(first, at(60_000)))).toBe("taken");
    expect(await crm.takeLeadSend(claim(second, at(60_000)))).toBe("busy");
    await jobs.complete(first, "w", at(61_000), "sent on try 2");
    expect(await crm.takeLeadSend(claim(second, at(120_000)))).toBe("sent");
    // After the window, the customer goes to the CRM again.
    expect(await crm.takeLeadSend(claim(second, at(31 * DAY)))).toBe("taken");
  });

  it("a lead given up on gives the customer back; a holder that failed without doing so loses it", async () => {
    const first = await leadJob("c1");
    const second = await leadJob("c2");
    const third = await leadJob("c3");
    expect(await crm.takeLeadSend(claim(first, T0))).toBe("taken");
    await crm.releaseLeadSend(claim(first, T0));
    expect(await crm.takeLeadSend(claim(second, at(1000)))).toBe("taken");
    // The second job crashes out (a bug, the runner gave up on it) still holding the claim.
    await jobs.fail(second, "w", at(2000), "TypeError: something broke");
    expect(await crm.takeLeadSend(claim(third, at(3000)))).toBe("taken");
  });
});
