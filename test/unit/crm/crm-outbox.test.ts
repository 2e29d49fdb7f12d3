import { describe, expect, it } from "vitest";
import { crmJobsFor, isLeadNow } from "../../../src/core/crm/crm-outbox.js";
import { CRM_GIVE_UP_AFTER_MS, nextCrmTry } from "../../../src/core/crm/crm-retry.js";

const at = new Date("2026-03-03T16:00:00Z");
const webhook = { url: "https://hooks.example.com/baton", secret: "s".repeat(32) };

describe("what the CRM's outbox writes for a change", () => {
  it("nothing for a rooftop without a CRM; an event per change with a webhook, each with its own id", () => {
    const change = { dealershipId: "main", conversationId: "c1", at, department: "sales" as const };
    expect(crmJobsFor(undefined, { ...change, occurred: "handoff.requested" })).toEqual([]);
    const [first] = crmJobsFor({ webhook }, { ...change, occurred: "conversation.claimed", data: { owner: "x" } });
    const [second] = crmJobsFor({ webhook }, { ...change, occurred: "conversation.claimed" });
    expect(first).toMatchObject({ type: "crm_webhook", conversationId: "c1", dueAt: at });
    expect(first!.payload).toMatchObject({ event: "conversation.claimed", data: { owner: "x" } });
    expect(first!.dedupeKey).not.toBe(second!.dedupeKey);
  });

  it("an ADF lead only for changes that make one, keyed by conversation and department", () => {
    const crm = { adfEmail: "leads@crm.example" };
    const change = { dealershipId: "main", conversationId: "c1", at, department: "service" as const };
    for (const occurred of ["conversation.created", "conversation.claimed", "optout.recorded"] as const)
      expect(crmJobsFor(crm, { ...change, occurred })).toEqual([]);
    const jobs = ["handoff.requested", "appointment.saved", "lead.qualified"] as const;
    const keys = jobs.map((occurred) => crmJobsFor(crm, { ...change, occurred })[0]!.dedupeKey);
    expect(new Set(keys)).toEqual(new Set(["crm_lead:c1:service"]));
    // The AI's own finding is not a webhook event.
    expect(crmJobsFor({ webhook }, { ...change, occurred: "lead.qualified" })).toEqual([]);
  });

  it("a conversation is a lead once a person was asked for, or the AI knows the name and the vehicle", () => {
    const tacoma = { make: "Toyota", model: "Tacoma" };
    expect(isLeadNow({ status: "ai" }, { name: "Dana" })).toBe(false);
    expect(isLeadNow({ status: "ai" }, { vehicle: tacoma })).toBe(false);
    expect(isLeadNow({ status: "ai" }, { name: "Dana", vehicle: { make: "Toyota" } })).toBe(false);
    expect(isLeadNow({ status: "ai" }, { name: "Dana", vehicle: tacoma })).toBe(true);
    expect(isLeadNow({ status: "pending" }, {})).toBe(true);
    expect(isLeadNow({ status: "resolved" }, {})).toBe(false);
    expect(isLeadNow({ status: "pending", handoffReason: "may_opt_out" }, { name: "Dana", vehicle: tacoma })).toBe(
      false,
    );
  });
});

describe("when a failing CRM delivery is tried again", () => {
  it("backs off from seconds to hours, lands the last try on the 24-hour deadline, then gives up", () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8].map((tries) => nextCrmTry(at, tries, at)!.getTime() - at.getTime());
    expect(waits).toEqual([30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 14_400_000]);
    const late = new Date(at.getTime() + CRM_GIVE_UP_AFTER_MS - 60_000);
    expect(nextCrmTry(at, 9, late)).toEqual(new Date(at.getTime() + CRM_GIVE_UP_AFTER_MS));
    expect(nextCrmTry(at, 10, new Date(at.getTime() + CRM_GIVE_UP_AFTER_MS))).toBeUndefined();
  });
});
