import type { LeadFields, Vehicle } from "../../../core/ports/brain.js";
import { fitOffer, OFFER_LINE } from "./offer-follow-up.js";
import type { ReplyPlan } from "./write-reply.js";

const SALES_INTENTS = new Set(["test_drive", "vehicle_availability", "vehicle_info"]);
const SERVICE_INTENTS = new Set(["service_booking", "maintenance", "repair", "service_question"]);

/** "2024 Tacoma" / "Tacoma 2024": Spanish puts the year after the model. */
function describeVehicle(vehicle: Vehicle | undefined, es = false): string {
  const fallback = es ? "vehículo" : "vehicle";
  if (!vehicle) return fallback;
  const parts = es ? [vehicle.model ?? vehicle.make, vehicle.year] : [vehicle.year, vehicle.model ?? vehicle.make];
  return parts.filter(Boolean).join(" ") || fallback;
}

function firstName(lead: LeadFields): string {
  return lead.name ? `, ${lead.name.split(" ")[0]}` : "";
}

/** Test drives and visits: which vehicle, then when, then who. */
function askAboutVisit(lead: LeadFields, listed: boolean, arriving: boolean, es: boolean): string {
  if (!lead.vehicle?.model && !lead.vehicle?.stock)
    return es ? "¡Con gusto! ¿Qué vehículo le interesa?" : "Happy to help! Which vehicle are you interested in?";
  if (!listed)
    return es ? "¿Hay otro modelo que quiera que le revise?" : "Is there another model you'd like me to check?";
  // Not on the lot yet: no visit to book. Baton cannot promise to text when it lands, a person can.
  if (arriving && !lead.timing) {
    return es
      ? fitOffer("¿Quiere que alguien del equipo le escriba cuando llegue?", "¿Le avisamos cuando llegue?", "es")
      : fitOffer("Want someone from our team to text you when it arrives?", "Want a text when it arrives?", "en");
  }
  // Short in Spanish: it follows the inventory answer, and accents leave 134 characters for both.
  if (!lead.timing)
    return es
      ? "¿Qué día y hora le gustaría venir a verlo?"
      : "Would you like to come see it? What day and time work best for you?";
  if (!lead.name)
    return es
      ? `Perfecto, anoté ${lead.timing}. ¿A nombre de quién lo registro?`
      : `Sounds good, I've noted ${lead.timing}. What name should I put down?`;
  return es
    ? `¡Gracias${firstName(lead)}! Anoté ${lead.timing} para el ${describeVehicle(lead.vehicle, true)}. Una persona del equipo le escribirá para confirmar la hora exacta.`
    : `Thanks${firstName(lead)}! I've noted ${lead.timing} for the ${describeVehicle(lead.vehicle)}. A teammate will text you to set the exact time.`;
}

/** Service visits: the vehicle, then when, then who; then the service team takes it from there. */
function askAboutService(lead: LeadFields, es: boolean): string {
  if (!lead.vehicle?.model && !lead.vehicle?.make && !lead.vehicle?.vin) {
    return es
      ? "¡Con gusto! ¿Cuál es el año, la marca y el modelo de su vehículo?"
      : "Happy to help! What's the year, make and model of your vehicle?";
  }
  if (!lead.timing) {
    return es
      ? `Entendido. ¿Qué día y hora le quedan bien para traer su ${describeVehicle(lead.vehicle, true)}?`
      : `Got it. What day and time work best to bring your ${describeVehicle(lead.vehicle)} in?`;
  }
  if (!lead.name)
    return es
      ? `Gracias, anoté ${lead.timing}. ¿A nombre de quién lo registro?`
      : `Thanks, I've noted ${lead.timing}. What name should I put this under?`;
  return es
    ? `¡Gracias${firstName(lead)}! Pasé su solicitud para ${lead.timing} a nuestro equipo de servicio, y le escribirán para confirmar la hora.`
    : `Thanks${firstName(lead)}! I've passed your request for ${lead.timing} to our service team, and they'll text you to set the time.`;
}

/**
 * Baton cannot see the shop's progress, parts stock or an order: rather than promise a person
 * nobody told, it offers one, and a "yes" raises the card (offer-follow-up.ts).
 */
function askAboutStatus(plan: ReplyPlan, es: boolean): string {
  const { lead, repairOrder } = plan;
  if (repairOrder) {
    return es
      ? fitOffer(
          `No veo el avance del taller. ¿Quiere que un asesor le escriba sobre la orden ${repairOrder}?`,
          "No veo el avance del taller. ¿Quiere que un asesor le escriba?",
          "es",
        )
      : `Thanks${firstName(lead)}! I can't see the shop's progress from here. Want an advisor to text you an update on RO ${repairOrder}? ${OFFER_LINE.en}`;
  }
  if (lead.name || lead.vehicle?.model) {
    return es
      ? fitOffer(
          `No veo el avance del taller. ¿Quiere que un asesor le escriba sobre su ${describeVehicle(lead.vehicle, true)}?`,
          "No veo el avance del taller. ¿Quiere que un asesor le escriba?",
          "es",
        )
      : `Thanks${firstName(lead)}! I can't see the shop's progress from here. Want an advisor to text you an update on your ${describeVehicle(lead.vehicle)}? ${OFFER_LINE.en}`;
  }
  return es
    ? "Con gusto lo reviso. ¿Cuál es su nombre y el número de orden (o el vehículo que dejó)?"
    : "Happy to check. What's your name and the RO number (or the vehicle you dropped off)?";
}

function askAboutParts(plan: ReplyPlan, es: boolean): string {
  const { lead, intent } = plan;
  if (intent === "parts_order" || intent === "parts_return") {
    if (!lead.name)
      return es
        ? "Con gusto lo reviso. ¿A nombre de quién está el pedido?"
        : "Happy to check. What name is the order under?";
    return es
      ? fitOffer(
          `¡Gracias${firstName(lead)}! ¿Quiere que nuestro equipo de partes revise su pedido y le escriba?`,
          "¿Quiere que nuestro equipo de partes revise su pedido y le escriba?",
          "es",
        )
      : `Thanks${firstName(lead)}! Want our parts team to check on your order and text you? ${OFFER_LINE.en}`;
  }
  if (!lead.vehicle?.model && !lead.vehicle?.vin)
    return es
      ? "Con gusto lo reviso. ¿Cuál es el año, la marca y el modelo (o el VIN)?"
      : "Happy to check. What's the year, make and model (or the VIN)?";
  return es
    ? fitOffer(
        `No veo el inventario de partes. ¿Quiere que el equipo de partes lo revise para su ${describeVehicle(lead.vehicle, true)} y le escriba?`,
        "No veo el inventario de partes. ¿Quiere que el equipo de partes lo revise y le escriba?",
        "es",
      )
    : `I can't see parts stock from here, but our parts team can check that for your ${describeVehicle(lead.vehicle)}. Want them to text you? ${OFFER_LINE.en}`;
}

/** The one question that moves the conversation on, or a short closing line, in the customer's language. */
export function askNextQuestion(plan: ReplyPlan): string | undefined {
  const { intent, lead, knowledge } = plan;
  const es = plan.language === "es";
  const first = lead.name?.split(" ")[0];
  if (SALES_INTENTS.has(intent)) return askAboutVisit(lead, plan.listed, plan.arriving === true, es);
  if (intent === "service_history") {
    if (es)
      return `Nuestro equipo de servicio puede buscar su historial. ${lead.name ? `¿La cuenta sigue a nombre de ${lead.name}?` : "¿A nombre de quién está la cuenta?"}`;
    return `Our service team can look up your records. What name is the account under${lead.name ? ` (still ${lead.name})` : ""}?`;
  }
  if (intent === "service_cancel") {
    if (es)
      return first
        ? `Sin problema, ${first}. Pasé su solicitud a nuestro equipo de servicio para que cancelen la cita.`
        : "Sin problema. ¿A nombre de quién está la cita, para que nuestro equipo de servicio la cancele?";
    return first
      ? `No problem, ${first}. I've passed that to our service team so they can cancel it.`
      : "No problem. What name is the appointment under, so our service team can cancel it?";
  }
  if (intent === "vehicle_order") {
    if (es) {
      return lead.name
        ? fitOffer(
            `¡Gracias${firstName(lead)}! ¿Quiere que el equipo de ventas revise el pedido de su ${describeVehicle(lead.vehicle, true)} y le escriba?`,
            "¿Quiere que el equipo de ventas revise su pedido y le escriba?",
            "es",
          )
        : "Con gusto lo reviso. ¿A nombre de quién está el pedido?";
    }
    return lead.name
      ? `Thanks${firstName(lead)}! Want our sales team to check on your ${describeVehicle(lead.vehicle)} order and text you? ${OFFER_LINE.en}`
      : "Happy to check. What name is the order under?";
  }
  if (intent === "service_confirm") {
    if (es) {
      return lead.name
        ? `¡Gracias${firstName(lead)}! Le pedí a nuestro equipo de servicio que revise su cita, y le escribirán para confirmarla.`
        : "Con gusto lo reviso. ¿A nombre de quién está la cita, para que nuestro equipo de servicio la confirme?";
    }
    return lead.name
      ? `Thanks${firstName(lead)}! I've asked our service team to check your appointment, and they'll text you to confirm it.`
      : "Happy to check. What name is the appointment under, so our service team can confirm it?";
  }
  if (intent === "service_status") return askAboutStatus(plan, es);
  if (intent === "recall" || intent === "warranty") {
    if (es)
      return lead.vehicle?.vin
        ? fitOffer(
            "¡Gracias! ¿Quiere que nuestro equipo de servicio busque ese VIN y le escriba?",
            "¿Quiere que servicio busque ese VIN y le escriba?",
            "es",
          )
        : "Nuestro equipo de servicio puede revisarlo. ¿Cuál es su VIN de 17 caracteres?";
    return lead.vehicle?.vin
      ? `Thanks! Want our service team to look up that VIN and text you? ${OFFER_LINE.en}`
      : "Our service team can look that up. What's your 17-character VIN?";
  }
  if (SERVICE_INTENTS.has(intent) || plan.department === "service") return askAboutService(lead, es);
  if (plan.department === "parts") return askAboutParts(plan, es);
  switch (intent) {
    case "greeting":
      return es
        ? `¡Hola${firstName(lead)}! Gracias por escribir a ${knowledge.name}. ¿En qué le podemos ayudar hoy?`
        : `Hi${firstName(lead)}! Thanks for texting ${knowledge.name}. How can we help today?`;
    case "thanks":
      return es
        ? "¡Con mucho gusto! ¿Le podemos ayudar en algo más?"
        : "You're welcome! Anything else we can help with?";
    case "goodbye":
      return es
        ? "Gracias por escribirnos. ¡Que tenga un excelente día!"
        : "Thanks for reaching out. Have a great day!";
    case "acknowledgement":
      return es
        ? "¡Perfecto! Escríbanos cuando necesite algo más."
        : "Sounds good! Text us anytime if you need anything else.";
    case "visit":
      // The reason decides which team expects them; the time alone books nothing.
      return es
        ? `¡Perfecto${firstName(lead)}! ¿Para qué viene: un vehículo, servicio o partes? Así avisamos al equipo indicado.`
        : `Sounds good${firstName(lead)}! What are you coming in for: a vehicle, service or parts? That way the right team knows to expect you.`;
    case "identity":
      return es
        ? `Este es el asistente automático de mensajes de ${knowledge.name}. ¿En qué le podemos ayudar?`
        : `This is the automated texting assistant for ${knowledge.name}. How can we help?`;
    default:
      return undefined;
  }
}
