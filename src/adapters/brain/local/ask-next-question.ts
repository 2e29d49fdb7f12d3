import type { LeadFields, Vehicle } from "../../../core/ports/brain.js";
import type { ReplyPlan } from "./write-reply.js";

const SALES_INTENTS = new Set(["test_drive", "vehicle_availability", "vehicle_info"]);
const SERVICE_INTENTS = new Set(["service_booking", "maintenance", "repair", "service_question"]);

function describeVehicle(vehicle: Vehicle | undefined): string {
  if (!vehicle) return "vehicle";
  return [vehicle.year, vehicle.model ?? vehicle.make].filter(Boolean).join(" ") || "vehicle";
}

function firstName(lead: LeadFields): string {
  return lead.name ? `, ${lead.name.split(" ")[0]}` : "";
}

/** Test drives and visits: which vehicle, then when, then who. */
function askAboutVisit(lead: LeadFields, listed: boolean): string {
  if (!lead.vehicle?.model && !lead.vehicle?.stock) return "Happy to help! Which vehicle are you interested in?";
  if (!listed) return "Is there another model you'd like me to check?";
  if (!lead.timing) return "Would you like to come see it? What day and time work best for you?";
  if (!lead.name) return `Sounds good, I've noted ${lead.timing}. What name should I put down?`;
  return `Thanks${firstName(lead)}! I've noted ${lead.timing} for the ${describeVehicle(lead.vehicle)}. A teammate will text you to set the exact time.`;
}

/** Service visits: the vehicle, then when, then who; then the service team takes it from there. */
function askAboutService(lead: LeadFields): string {
  if (!lead.vehicle?.model && !lead.vehicle?.make && !lead.vehicle?.vin) return "Happy to help! What's the year, make and model of your vehicle?";
  if (!lead.timing) return `Got it. What day and time work best to bring your ${describeVehicle(lead.vehicle)} in?`;
  if (!lead.name) return `Thanks, I've noted ${lead.timing}. What name should I put this under?`;
  return `Thanks${firstName(lead)}! I've passed your request for ${lead.timing} to our service team, and they'll text you to set the time.`;
}

function askAboutStatus(plan: ReplyPlan): string {
  const { lead, repairOrder } = plan;
  if (repairOrder) return `Thanks${firstName(lead)}! I've passed RO ${repairOrder} to our service team, and an advisor will text you an update shortly.`;
  if (lead.name || lead.vehicle?.model) {
    return `Thanks${firstName(lead)}! Our service team will check on your ${describeVehicle(lead.vehicle)} and text you an update shortly.`;
  }
  return "Happy to check. What's your name and the RO number (or the vehicle you dropped off)?";
}

function askAboutParts(plan: ReplyPlan): string {
  const { lead, intent } = plan;
  if (intent === "parts_order" || intent === "parts_return") {
    if (!lead.name) return "Happy to check. What name is the order under?";
    return `Thanks${firstName(lead)}! Our parts team will check on your order and text you back shortly.`;
  }
  if (!lead.vehicle?.model && !lead.vehicle?.vin) return "Happy to check. What's the year, make and model (or the VIN)?";
  return `Thanks! Our parts team will check that for your ${describeVehicle(lead.vehicle)} and text you back shortly.`;
}

/** The one question that moves the conversation on, or a short closing line. */
export function askNextQuestion(plan: ReplyPlan): string | undefined {
  const { intent, lead, knowledge } = plan;
  if (SALES_INTENTS.has(intent)) return askAboutVisit(lead, plan.listed);
  if (intent === "service_history") return `Our service team can look up your records. What name is the account under${lead.name ? ` (still ${lead.name})` : ""}?`;
  if (intent === "service_cancel") return lead.name ? `No problem, ${lead.name.split(" ")[0]}. I've passed that to our service team so they can cancel it.` : "No problem. What name is the appointment under, so our service team can cancel it?";
  if (intent === "vehicle_order") {
    return lead.name
      ? `Thanks${firstName(lead)}! Our sales team will check on your ${describeVehicle(lead.vehicle)} order and text you back shortly.`
      : "Happy to check. What name is the order under?";
  }
  if (intent === "service_confirm") {
    return lead.name
      ? `Thanks${firstName(lead)}! I've asked our service team to check your appointment, and they'll text you to confirm it.`
      : "Happy to check. What name is the appointment under, so our service team can confirm it?";
  }
  if (intent === "service_status") return askAboutStatus(plan);
  if (intent === "recall" || intent === "warranty") {
    return lead.vehicle?.vin ? "Thanks! Our service team will look up that VIN and text you back shortly." : "Our service team can look that up. What's your 17-character VIN?";
  }
  if (SERVICE_INTENTS.has(intent) || plan.department === "service") return askAboutService(lead);
  if (plan.department === "parts") return askAboutParts(plan);
  switch (intent) {
    case "greeting":
      return `Hi${firstName(lead)}! Thanks for texting ${knowledge.name}. How can we help today?`;
    case "thanks":
      return "You're welcome! Anything else we can help with?";
    case "goodbye":
      return "Thanks for reaching out. Have a great day!";
    case "acknowledgement":
      return "Sounds good! Text us anytime if you need anything else.";
    case "visit":
      // The reason decides which team expects them; the time alone books nothing.
      return `Sounds good${firstName(lead)}! What are you coming in for: a vehicle, service or parts? That way the right team knows to expect you.`;
    case "identity":
      return `This is the automated texting assistant for ${knowledge.name}. How can we help?`;
    default:
      return undefined;
  }
}
