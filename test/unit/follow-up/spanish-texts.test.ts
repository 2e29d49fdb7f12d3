import { describe, expect, it } from "vitest";
import { helpReply, optInReply } from "../../../src/core/compliance/keyword-replies.js";
import { describeOptOutConfirmation } from "../../../src/core/compliance/opt-out.js";
import { measureSms } from "../../../src/core/compliance/sms-segments.js";
import { describeLead } from "../../../src/core/follow-up/describe-lead.js";
import { writeNudge } from "../../../src/core/follow-up/nudge-text.js";
import { describeWhen, writeAppointmentReminder, writeRepFollowUp } from "../../../src/core/follow-up/reminder-text.js";
import { claimNotice } from "../../../src/core/use-cases/claim-conversation.js";

const STORE = "Maple Ridge Motors";
const twoSegments = (text: string) => expect(measureSms(text).segments, text).toBeLessThanOrEqual(2);

describe("what Baton texts a Spanish-speaking customer on its own", () => {
  it("confirms an opt-out in plain words in Spanish (English unchanged)", () => {
    expect(describeOptOutConfirmation(STORE, "es")).toBe(
      "Ya no recibirá mensajes de Maple Ridge Motors. Responda START para volver a suscribirse.",
    );
    expect(describeOptOutConfirmation(STORE)).toBe(
      "You're unsubscribed from Maple Ridge Motors texts and won't get any more. Reply START to resubscribe.",
    );
    twoSegments(describeOptOutConfirmation("Maple Ridge Toyota of North Fort Worth", "es"));
  });

  it("answers HELP with what carriers require: who, a number, rates, how to stop", () => {
    const help = helpReply(STORE, "(817) 555-0140", "es");
    expect(help).toBe(
      "Maple Ridge Motors: Llame al (817) 555-0140 o responda a este mensaje para recibir ayuda. Pueden aplicarse tarifas de mensajes y datos. Responda STOP para cancelar.",
    );
    expect(helpReply(STORE, undefined, "es")).toMatch(
      /^Maple Ridge Motors: Responda a este mensaje para recibir ayuda\./,
    );
    twoSegments(help);
    expect(helpReply(STORE, "(817) 555-0140")).toBe(
      "Maple Ridge Motors: Call (817) 555-0140 or reply here for help. Msg & data rates may apply. Reply STOP to opt out.",
    );
  });

  it("confirms START in Spanish", () => {
    const start = optInReply(STORE, "es");
    expect(start).toBe(
      "Maple Ridge Motors: reactivamos sus mensajes de texto. Pueden aplicarse tarifas de mensajes y datos. Responda HELP para ayuda o STOP para cancelar.",
    );
    twoSegments(start);
  });

  it("nudges in Spanish, with the open question, the name and the vehicle, and closes with how to stop", () => {
    const context = describeLead(
      { name: "Lucía Gómez", vehicle: { year: 2024, make: "Toyota", model: "Tacoma" } },
      "sales",
      undefined,
      "es",
    );
    expect(context).toMatchObject({ firstName: "Lucía", subject: "el Toyota Tacoma 2024", language: "es" });
    const input = (attempt: number, sent: string[] = []) => ({
      attempt,
      total: 3,
      question: "¿Qué día y hora le gustaría venir a verlo?",
      context,
      dealershipName: STORE,
      alreadySent: new Set(sent),
    });
    expect(writeNudge(input(1))).toBe(
      "Hola Lucía, solo quería darle seguimiento sobre el Toyota Tacoma 2024. ¿Qué día y hora le gustaría venir a verlo?",
    );
    expect(writeNudge(input(3))).toMatch(/Responda STOP para cancelar\.$/);
    const sent: string[] = [];
    for (let i = 0; i < 12; i++) sent.push(writeNudge(input((i % 3) + 1, sent)));
    expect(new Set(sent).size).toBe(12);
    for (const body of sent.slice(0, 9)) twoSegments(body);
    const stranger = writeNudge({
      ...input(1),
      context: describeLead({}, "service", undefined, "es"),
      question: undefined,
    });
    expect(stranger).toBe("Hola, solo quería darle seguimiento sobre su visita de servicio. ¿Le puedo ayudar en algo?");
  });

  it("reminds of an appointment in Spanish, a day ahead with the address and hours ahead", () => {
    const base = {
      kind: "test_drive" as const,
      at: new Date("2026-03-04T21:00:00Z"), // Wednesday 15:00 in Chicago
      timezone: "America/Chicago",
      dealershipName: STORE,
      address: "100 Maple Ridge Rd",
      context: describeLead({ name: "Lucía Gómez" }, "sales", undefined, "es"),
    };
    const dana = { ...base, context: describeLead({ name: "Dana Reyes" }, "sales", undefined, "es") };
    const dayAhead = writeAppointmentReminder({
      ...dana,
      now: new Date("2026-03-03T21:00:00Z"),
      leadTimeMs: 24 * 3_600_000,
    });
    expect(dayAhead).toBe(
      "Hola Dana, le recordamos su prueba de manejo en Maple Ridge Motors mañana a las 3:00 PM. Estamos en 100 Maple Ridge Rd. Responda a este mensaje si necesita cambiarla.",
    );
    expect(measureSms(dayAhead)).toMatchObject({ encoding: "GSM-7", segments: 2 });
    // An accented name makes it UCS-2: the closing line goes rather than a third segment.
    const accented = writeAppointmentReminder({
      ...base,
      now: new Date("2026-03-03T21:00:00Z"),
      leadTimeMs: 24 * 3_600_000,
    });
    expect(accented).toBe(
      "Hola Lucía, le recordamos su prueba de manejo en Maple Ridge Motors mañana a las 3:00 PM. Estamos en 100 Maple Ridge Rd.",
    );
    twoSegments(accented);
    const soon = writeAppointmentReminder({
      ...dana,
      kind: "service",
      now: new Date("2026-03-04T19:00:00Z"),
      leadTimeMs: 2 * 3_600_000,
    });
    expect(soon).toBe(
      "Hola Dana, le esperamos hoy a las 3:00 PM para su cita de servicio en Maple Ridge Motors. Estamos en 100 Maple Ridge Rd. Responda a este mensaje si necesita cambiar algo.",
    );
    expect(
      describeWhen(new Date("2026-03-06T19:00:00Z"), new Date("2026-03-02T15:00:00Z"), "America/Chicago", "es"),
    ).toBe("el viernes a la 1:00 PM");
  });

  it("writes a rep's follow-up in Spanish in the rep's name", () => {
    const context = describeLead(
      { name: "Lucía Gómez", vehicle: { year: 2024, make: "Toyota", model: "Tacoma" } },
      "sales",
      undefined,
      "es",
    );
    expect(writeRepFollowUp({ repName: "Jordan Lee", dealershipName: STORE, context })).toBe(
      "Hola Lucía, le saluda Jordan de Maple Ridge Motors, para darle seguimiento sobre el Toyota Tacoma 2024. ¿Tiene alguna pregunta, o cuándo le queda bien que hablemos?",
    );
  });

  it("tells the customer who claimed the conversation, in Spanish", () => {
    expect(claimNotice("Jordan Lee", "sales", "es")).toBe(
      "Jordan Lee, de nuestro equipo de ventas, le escribirá por aquí en breve.",
    );
    expect(claimNotice("Jordan Lee", "general", "es")).toBe(
      "Jordan Lee, de nuestro equipo, le escribirá por aquí en breve.",
    );
    expect(claimNotice("Jordan Lee", "sales")).toBe("Jordan Lee from our sales team will text you here shortly.");
  });
});

describe("Spanish nudges stay within two SMS segments", () => {
  it("drops the vehicle, the time and a long question before spilling into a third segment, and the last one still says STOP", () => {
    const context = {
      firstName: "Guadalupe",
      subject: "la Toyota Tacoma TRD Sport 2024",
      timing: "el sábado por la mañana",
      language: "es" as const,
    };
    const question = "¿Qué día y hora le gustaría venir a ver la camioneta con su familia este fin de semana?";
    for (const attempt of [1, 2, 3]) {
      const text = writeNudge({
        attempt,
        total: 3,
        question,
        context,
        dealershipName: "Maple Ridge Motors",
        alreadySent: new Set(),
      });
      expect(measureSms(text).segments, text).toBeLessThanOrEqual(2);
      if (attempt === 3) expect(text).toContain("STOP");
    }
  });
});
