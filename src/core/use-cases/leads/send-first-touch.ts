import type { Conversation } from "../../conversation/conversation.js";
import { DEFAULT_SMS_COUNTRIES, refuseDestination } from "../../leads/texting-destination.js";
import { vehicleForText } from "../../leads/vehicle-for-text.js";
import { greetingName, writeFirstTouch } from "../../leads/write-first-touch.js";
import type { StoredLead } from "../../ports/lead-store.js";
import { leadTurn, type LeadDeps } from "./lead-deps.js";
import { describeLeadForThread, showLeadToPeople } from "./show-lead-to-people.js";

export type FirstTouchResult = { kind: "done"; result: string } | { kind: "deferred"; until: Date };

const DAY_MS = 24 * 60 * 60_000;
/** Refusals a person can act on by calling or e-mailing instead. */
const FOR_PEOPLE = new Set([
  "opted_out",
  "no_sms_number",
  "no_consent",
  "destination_country",
  "destination_premium",
  "destination_toll_free",
  "destination_unknown",
  "own_number",
]);

/**
 * The AI's first text to a lead, through the gateway as a `first_touch`: inside the sending
 * window and at the dealership's pace, never to a number that opted out or a thread a person
 * owns. Deferred, it comes back at its slot (`slotAt`). Sent, the speed to lead is stored.
 */
export async function sendFirstTouch(deps: LeadDeps, lead: StoredLead, slotAt?: Date): Promise<FirstTouchResult> {
  const { leads, store, clock, gateway } = deps;
  const done = async (status: string, at?: Date): Promise<FirstTouchResult> => {
    await leads.markFirstTouch(lead.id, status, at);
    return { kind: "done", result: status };
  };
  if (lead.firstTouch !== "pending" && lead.firstTouch !== "deferred")
    return { kind: "done", result: `already ${lead.firstTouch}` };
  const conversation = lead.conversationId ? await store.getConversation(lead.conversationId) : undefined;
  if (!conversation) return done("skipped:no_conversation");
  // Before any other skip: a number that opted out is never texted, and a person must see the lead.
  if (conversation.customer.optedOut) return refuse(deps, lead, conversation, "opted_out");
  // The customer texted since the lead came in: the AI answers that text instead.
  if (conversation.lastCustomerAt && conversation.lastCustomerAt.getTime() >= lead.receivedAt.getTime())
    return done("skipped:customer_wrote");
  if (lead.kind === "appended") {
    const recent = await store.listMessages(conversation.id, 20, { since: new Date(clock.now().getTime() - DAY_MS) });
    if (recent.some((m) => m.direction === "outbound")) return done("skipped:recently_texted");
  }

  const rooftop = deps.rooftops.get(conversation.dealershipId);
  // A public form can name any number: only an ordinary line in the rooftop's countries, never our own.
  const refusal = deps.phones
    ? refuseDestination(conversation.customer.phone, deps.phones, {
        countries: rooftop.leads?.smsCountries ?? DEFAULT_SMS_COUNTRIES,
        ownNumbers: deps.rooftops.all().flatMap((r) => (r.smsNumber ? [r.smsNumber] : [])),
      })
    : undefined;
  if (refusal) return refuse(deps, lead, conversation, refusal);
  const body = writeFirstTouch({
    firstName: greetingName(conversation.lead.name ?? conversation.customer.name),
    dealershipName: rooftop.name,
    // The store's or the catalog's words for the vehicle, never the form's free text.
    vehicle: vehicleForText(lead.vehicle, rooftop.knowledge.inventory),
    comments: lead.comments,
  });
  const result = await gateway.sendScheduled({
    conversationId: conversation.id,
    body,
    author: "ai",
    purpose: "first_touch",
    idempotencyKey: `first-touch:${lead.id}`,
    slotAt,
  });

  switch (result.outcome) {
    case "deferred":
      await leads.markFirstTouch(lead.id, "deferred");
      return { kind: "deferred", until: result.until };
    case "duplicate":
      return done("sent", result.message.createdAt);
    case "sent": {
      const at = clock.now();
      await leads.markFirstTouch(lead.id, "sent", at);
      await store.appendEvent({
        conversationId: conversation.id,
        type: "first_touch_sent",
        actor: "ai",
        data: { leadId: lead.id, speedMs: at.getTime() - lead.receivedAt.getTime() },
        at,
      });
      if (conversation.thread)
        await deps.staffChat.postInThread(conversation.thread, {
          kind: "ai",
          text: `(first text to the lead) ${body}`,
        });
      await deps.followUps?.afterAiTurn({
        conversationId: conversation.id,
        decision: leadTurn(conversation, body, "first text to a new lead"),
        reply: result.message,
        handedOff: false,
      });
      return { kind: "done", result: "sent" };
    }
    case "refused":
      return refuse(deps, lead, conversation, result.reason);
    case "retrying":
      // It may have gone out: the recovery sweep asks the provider; the lead stays pending until then.
      return { kind: "done", result: "unknown" };
    case "failed": {
      await leads.markFirstTouch(lead.id, "failed");
      await showLeadToPeople(
        deps,
        conversation.id,
        describeLeadForThread({ ...lead, firstTouch: "failed" }, "New lead"),
      );
      return { kind: "done", result: "failed" };
    }
  }
}

/** Not texted: a person calls or e-mails instead (a card), or the thread is told why. */
async function refuse(
  deps: LeadDeps,
  lead: StoredLead,
  conversation: Conversation,
  reason: string,
): Promise<FirstTouchResult> {
  const status = `refused:${reason}`;
  await deps.leads.markFirstTouch(lead.id, status);
  const fresh = { ...lead, firstTouch: status };
  if (FOR_PEOPLE.has(reason)) await showLeadToPeople(deps, conversation.id, describeLeadForThread(fresh, "New lead"));
  else if (conversation.thread)
    await deps.staffChat.postInThread(conversation.thread, {
      kind: "system",
      text: describeLeadForThread(fresh, "Another lead came in"),
    });
  return { kind: "done", result: status };
}
