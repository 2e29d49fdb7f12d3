import { formatDuration } from "../follow-up/format-duration.js";
import type { CardLeadSource } from "../ports/staff-chat.js";
import { describeVehicleFully } from "./describe-vehicle.js";
import type { LeadChannel, LeadSource } from "./lead.js";

const CHANNEL: Record<LeadChannel, string> = { adf: "ADF lead", form: "Website form" };

/** What Baton did about texting this lead, in words a rep acts on. */
export function describeFirstTouch(
  source: Pick<LeadSource, "firstTouch" | "firstTouchAt" | "receivedAt" | "smsConsent">,
): string {
  const [status, reason] = source.firstTouch.split(":");
  if (status === "sent" && source.firstTouchAt) {
    return `First text sent ${formatDuration(Math.max(0, source.firstTouchAt.getTime() - source.receivedAt.getTime()))} after the lead arrived.`;
  }
  if (status === "pending") return "First text on its way.";
  if (status === "deferred") return "First text waits for the sending window to open.";
  if (status === "failed") return "The first text could not be delivered: call or e-mail.";
  if (!source.smsConsent || reason === "no_consent") return "Not texted: no SMS consent on this lead. Call or e-mail.";
  switch (reason) {
    case "opted_out":
      return "Not texted: this number opted out of texts. Call or e-mail.";
    case "no_mobile":
      return "Not texted: no mobile number on this lead. Call.";
    case "no_sms_number":
      return "Not texted: this store has no SMS number set. Call or e-mail.";
    case "person_owns_thread":
      return "Not texted: a person owns this conversation.";
    case "customer_wrote":
      return "Not texted: the customer texted first.";
    case "recently_texted":
      return "Not texted again: this customer was texted in the last 24 hours.";
    case "repeat":
      return "The same lead again within 24 hours: not texted twice.";
    case "destination_premium":
      return "Not texted: the number on this lead is premium-rate. Check the lead before calling.";
    case "destination_toll_free":
      return "Not texted: the number on this lead is toll-free, not a customer's phone. Check the lead.";
    case "destination_country":
      return "Not texted: the number is outside this store's texting countries. Check the lead before calling.";
    case "destination_unknown":
      return "Not texted: the number belongs to no known numbering plan. Check the lead.";
    case "own_number":
      return "Not texted: the number on this lead is the store's own texting number.";
    default:
      return "Not texted.";
  }
}

/** The card's "where this lead came from" block. */
export function describeLeadSource(source: LeadSource): CardLeadSource {
  const via = source.provider ? ` from ${source.provider}` : "";
  const count = source.leadCount > 1 ? ` (${source.leadCount} leads)` : "";
  return {
    origin: `${CHANNEL[source.channel]}${via}${count}`,
    provider: source.provider,
    vendor: source.vendor,
    vehicle: describeVehicleFully(source.vehicle),
    comments: source.comments,
    contact: describeFirstTouch(source),
    receivedAt: source.receivedAt,
  };
}

/** One line for the conversation's summary: where the lead came from and what it asked. */
export function summariseLead(source: Pick<LeadSource, "channel" | "provider" | "vehicle" | "comments">): string {
  const vehicle = describeVehicleFully(source.vehicle);
  const comments = source.comments ? ` Comments: "${source.comments.replace(/\s+/g, " ").slice(0, 200)}"` : "";
  return `${CHANNEL[source.channel]}${source.provider ? ` from ${source.provider}` : ""}${vehicle ? ` about ${vehicle}` : ""}.${comments}`;
}
