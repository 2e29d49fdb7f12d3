import type { Language } from "../language/detect-language.js";

/**
 * What carriers require in answer to HELP and opt-in keywords (CTIA Messaging Principles and
 * the 10DLC campaign rules): who is texting, a contact number, "Msg & data rates may apply",
 * and how to stop.
 */
export function helpReply(
  dealershipName: string,
  contactNumber: string | undefined,
  language: Language = "en",
): string {
  if (language === "es") {
    // No á/í/ó/ú: the Spanish answer stays GSM-7, two segments even with a long store name.
    const contacto = contactNumber
      ? `Llame al ${contactNumber} o responda a este mensaje para recibir ayuda.`
      : "Responda a este mensaje para recibir ayuda.";
    return `${dealershipName}: ${contacto} Pueden aplicarse tarifas de mensajes y datos. Responda STOP para cancelar.`;
  }
  const contact = contactNumber ? `Call ${contactNumber} or reply here for help.` : "Reply here for help.";
  return `${dealershipName}: ${contact} Msg & data rates may apply. Reply STOP to opt out.`;
}

export function optInReply(dealershipName: string, language: Language = "en"): string {
  if (language === "es")
    return `${dealershipName}: reactivamos sus mensajes de texto. Pueden aplicarse tarifas de mensajes y datos. Responda HELP para ayuda o STOP para cancelar.`;
  return `${dealershipName}: you're subscribed to texts again. Msg & data rates may apply. Reply HELP for help, STOP to opt out.`;
}

/** Who answers keywords: the provider (Twilio Advanced Opt-Out does by default) or Baton. */
export type KeywordReplies = "provider" | "baton";
