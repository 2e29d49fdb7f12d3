import { describe, expect, it } from "vitest";
import { classifyConsentText, describeOptOutConfirmation, isOptOut } from "../../../src/core/compliance/opt-out.js";

describe("classifyConsentText: keywords", () => {
  it.each(["STOP", "stop", "Stop", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "  stop  "])(
    "%j is an opt-out the provider itself confirms",
    (text) => {
      expect(classifyConsentText(text)).toMatchObject({ kind: "optout", by: "keyword" });
    },
  );

  it.each([
    "STOP!!",
    "Stop. Thank you",
    "stop please",
    "stop pls",
    "Stop. Stop. Stop.",
    "STOP ✋ seriously",
    "ok enough, stop",
    "opt-out",
    "OPT OUT",
    "stop all",
    "No Mas",
    "no más",
    "remove",
    "ARRET",
    "Unsubscribe me please",
    "END.",
  ])("%j is an opt-out Baton must confirm itself", (text) => {
    expect(classifyConsentText(text)).toMatchObject({ kind: "optout", by: "phrase" });
  });

  it("recognises START and UNSTOP as opting back in, and HELP/INFO as help", () => {
    expect(classifyConsentText("START").kind).toBe("optin");
    expect(classifyConsentText("unstop").kind).toBe("optin");
    expect(classifyConsentText("HELP").kind).toBe("help");
    expect(classifyConsentText("info").kind).toBe("help");
    expect(classifyConsentText("I need help with my car").kind).toBeNull();
    expect(classifyConsentText("start the car remotely?").kind).toBeNull();
  });
});

describe("classifyConsentText: revocations in plain words", () => {
  it.each([
    "stop texting me",
    "Please stop messaging this number",
    "please remove my number",
    "take me off your list",
    "leave me alone, I already bought a truck somewhere else",
    "don't contact me again",
    "Do not text me",
    "wrong number",
    "You've got the wrong number",
    "I revoke my consent to receive text messages",
    "How do I make these texts stop?",
    "no more promos please",
    "I don't want any more messages from this dealership",
    "Who gave you this number? Delete it",
    "I didn't sign up for this, stop",
    "This number doesn't belong to Mike anymore. Stop",
    "already told you to stop",
    "no me envíe más mensajes",
    "Por favor ya no me escriban",
    "dejen de mandarme mensajes",
  ])("%j withdraws consent", (text) => {
    expect(classifyConsentText(text)).toMatchObject({ kind: "optout", by: "phrase" });
  });
});

describe("classifyConsentText: look-alikes stay conversations", () => {
  it.each([
    "can I stop by tomorrow",
    "end of the month deal?",
    "cancel my appointment",
    "STOP light on my dash",
    "please stop calling, just text",
    "unsubscribe me from the emails, texts are fine",
    "can't stop thinking about that truck",
    "wait stop, I typed the wrong VIN",
    "Stop, I meant Tuesday not Thursday",
    "stop, that's too expensive",
    "Don't stop the reminder texts, they help",
    "Don't text my wife about the surprise, text me instead",
    "don't text me before 9am please",
    "Can you take me off the waitlist for the Sequoia? Found one elsewhere",
    "I'd like to opt out of the paint protection package",
    "wrong part number? I think you quoted me the wrong one",
    "quit sending me bot answers and get me a human",
    "my brakes squeal every time I stop",
    "¿Puedo pasar mañana a ver la camioneta?",
    "ya no me manden correos, los textos están bien",
  ])("%j is not an opt-out", (text) => {
    expect(isOptOut(text)).toBe(false);
  });
});

describe("describeOptOutConfirmation", () => {
  it("names the store and how to come back", () => {
    expect(describeOptOutConfirmation("Maple Ridge Motors")).toBe(
      "You're unsubscribed from Maple Ridge Motors texts and won't get any more. Reply START to resubscribe.",
    );
  });
});

describe("Spanish keywords and revocations", () => {
  it.each([
    "ALTO",
    "Parar",
    "cancelar",
    "BAJA",
    "fin",
    "basta de mensajes",
    "desuscríbanme por favor",
    "no me vuelvan a escribir",
    "quítenme de la lista",
  ])("%j opts out, confirmed by Baton (no provider answers it)", (text) => {
    expect(classifyConsentText(text)).toMatchObject({ kind: "optout", by: "phrase" });
  });

  it.each([
    "quiero cancelar mi cita",
    "se prendió la luz de alto",
    "ya no me escriban por WhatsApp, aquí es mejor",
    "denme de baja el seguro GAP",
  ])("%j stays a conversation", (text) => {
    expect(classifyConsentText(text).kind).toBeNull();
  });

  it("AYUDA is HELP, answered by Baton", () => {
    expect(classifyConsentText("AYUDA")).toMatchObject({ kind: "help", by: "phrase" });
  });
});
