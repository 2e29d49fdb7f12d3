import type { Conversation } from "../conversation/conversation.js";
import { describeLead } from "../follow-up/describe-lead.js";
import { describeWhen, writeRepFollowUp } from "../follow-up/reminder-text.js";
import { COMMAND_USAGE, parseStaffCommand } from "../follow-up/staff-command.js";
import type { ThreadRef } from "../ports/staff-chat.js";
import type { FollowUpDeps } from "./follow-up-deps.js";
import { stopTexting } from "./record-consent.js";
import { saveAppointment } from "./save-appointment.js";
import type { StaffMember } from "./staff-action.js";

export interface StaffCommandRequest {
  text: string;
  rep: StaffMember;
  /** Where it was typed: a chat adapter name and channel. */
  chat: string;
  channel: string;
  /** The card it is about, when the command named one (a pasted link). */
  thread?: ThreadRef;
}

/** Finds the conversation: the card named, else the only one this rep owns in this channel. */
async function findConversation(deps: FollowUpDeps, request: StaffCommandRequest): Promise<Conversation | string> {
  if (request.thread) {
    return (
      (await deps.store.findConversationByThread(request.thread)) ??
      "That link is not a Baton card. Paste the link of the card (⋯ → Copy link)."
    );
  }
  const owned = await deps.followUpStore.findOwnedInChannel(request.chat, request.channel, request.rep.id);
  if (owned.length === 1) return (await deps.store.getConversation(owned[0]!))!;
  return owned.length === 0
    ? "Which conversation? Paste the card's link after the command (⋯ → Copy link on the card): slash commands can't run inside a thread."
    : `You own ${owned.length} conversations in this channel; paste the card's link after the command (⋯ → Copy link) to say which.`;
}

/** A person read the customer's words as a revocation: the number is opted out, as if they had texted STOP. */
async function recordOptOutForCustomer(
  deps: FollowUpDeps,
  conversation: Conversation,
  rep: StaffMember,
): Promise<string> {
  if (conversation.customer.optedOut) return "The customer is already opted out of texts.";
  const at = deps.clock.now();
  await deps.store.appendEvent({
    conversationId: conversation.id,
    type: "opted_out",
    actor: `rep:${rep.id}`,
    data: { by: "staff", name: rep.name },
    at,
  });
  await stopTexting(deps, conversation, at, `${rep.name} recorded that the customer wants no more texts.`, "staff");
  return "Recorded: the customer is opted out, and Baton will not text this number again unless they text START.";
}

/**
 * `/baton followup 3d [message]`, `/baton appointment …` and `/baton optout`, from the owner of a conversation.
 * Only the owner may, as only the owner's words reach the customer. Returns what the rep sees.
 */
export async function handleStaffCommand(deps: FollowUpDeps, request: StaffCommandRequest): Promise<string> {
  // Checked first so a typo is answered as a typo; parsed again below in the store's time zone.
  const checked = parseStaffCommand(request.text, "UTC");
  if (checked.kind === "help") return COMMAND_USAGE;
  if (checked.kind === "invalid") return `${checked.problem}\n${COMMAND_USAGE}`;

  const found = await findConversation(deps, request);
  if (typeof found === "string") return found;
  const conversation = found;
  const rooftop = deps.rooftops.get(conversation.dealershipId);
  const command = parseStaffCommand(request.text, rooftop.timezone);
  // Anyone who sees the card may record a revocation: stopping texts is never the wrong side to err on.
  if (command.kind === "optout") return recordOptOutForCustomer(deps, conversation, request.rep);
  if (command.kind !== "followup" && command.kind !== "appointment") return COMMAND_USAGE;
  if (conversation.owner?.id !== request.rep.id) {
    return conversation.owner
      ? `${conversation.owner.name} owns this conversation; only they can schedule texts to the customer.`
      : "Claim the conversation first: only its owner can schedule texts to the customer.";
  }
  if (conversation.customer.optedOut) return "The customer opted out of texts; Baton will not text this number.";

  const now = deps.clock.now();
  if (command.kind === "appointment") {
    const saved = await saveAppointment(deps, conversation, {
      conversationId: conversation.id,
      dealershipId: conversation.dealershipId,
      kind: command.appointmentKind,
      at: command.at,
      note: command.note,
      source: `rep:${request.rep.id}`,
    });
    return saved
      ? `Appointment saved (${describeWhen(command.at, now, rooftop.timezone)}, ${rooftop.timezone} time); Baton will remind the customer.`
      : "That time has passed; give a time in the future.";
  }

  const dueAt = new Date(now.getTime() + command.delayMs);
  await deps.jobs.schedule({
    type: "rep_followup",
    dealershipId: conversation.dealershipId,
    conversationId: conversation.id,
    dueAt,
    payload: { repId: request.rep.id, repName: request.rep.name, note: command.note, requestedAt: now.toISOString() },
  });
  await deps.store.appendEvent({
    conversationId: conversation.id,
    type: "followup_requested",
    actor: `rep:${request.rep.id}`,
    data: { dueAt: dueAt.toISOString(), note: command.note },
    at: now,
  });
  const preview = writeRepFollowUp({
    repName: request.rep.name,
    dealershipName: rooftop.name,
    context: describeLead(
      conversation.lead,
      conversation.department,
      conversation.customer.name,
      conversation.language,
    ),
    note: command.note,
  });
  const when = describeWhen(dueAt, now, rooftop.timezone);
  if (conversation.thread) {
    await deps.staffChat.postInThread(conversation.thread, {
      kind: "system",
      text: `${request.rep.name} asked Baton to follow up ${when}: "${preview}"`,
    });
  }
  return `Baton will text the customer ${when} (held to the sending window if that is outside it): "${preview}"`;
}
