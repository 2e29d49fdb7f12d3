import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { needsStartTls, SmtpLeadMailer } from "../../../src/adapters/crm/email/smtp-lead-mailer.js";
import type { CrmLead } from "../../../src/core/crm/crm-lead.js";
import { CrmDeliveryError } from "../../../src/core/ports/crm.js";
import { startFakeSmtp, type FakeSmtp } from "../../helpers/fake-crm.js";

const LEAD: CrmLead = {
  conversationId: "conv_1",
  requestedAt: new Date("2026-03-02T15:00:00Z"),
  customer: { name: "Dana Reyes", phone: "+15125550123" },
  department: "sales",
  transcript: [{ at: new Date("2026-03-02T14:59:00Z"), who: "Customer", body: "Is the Tacoma still there?" }],
  vendor: { id: "main", name: "Maple Ridge Motors" },
};

const mailerFor = (url: string, timeoutMs?: number) =>
  new SmtpLeadMailer({ url, from: "Baton <baton@maple.example>", timezoneOf: () => "America/Chicago", timeoutMs });

/** Fails the test with the error the send threw, or undefined if it went. */
async function errorOf(send: Promise<void>): Promise<CrmDeliveryError | undefined> {
  try {
    await send;
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(CrmDeliveryError);
    return error as CrmDeliveryError;
  }
}

describe("SmtpLeadMailer: the lead's e-mail, and the mail server's failures in Baton's words", () => {
  let smtp: FakeSmtp | undefined;
  let hung: Server | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    await smtp?.stop();
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => (hung ? hung.close(() => resolve()) : resolve()));
    smtp = undefined;
    hung = undefined;
  });

  it("a server that accepts the connection and never greets is a retry after the timeout, not a stuck job", async () => {
    hung = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => hung!.listen(0, "127.0.0.1", resolve));
    const { port } = hung.address() as { port: number };
    const mailer = mailerFor(`smtp://127.0.0.1:${port}`, 300);
    const error = await errorOf(mailer.sendLead("leads@crm.example", LEAD));
    mailer.close();
    expect(error).toMatchObject({ permanent: false });
    expect(error!.message).toMatch(/did not answer in time|could not be reached/);
  });

  it("a 5xx refusal is permanent, and a number the server echoes is masked", async () => {
    smtp = await startFakeSmtp();
    smtp.refuseNext(550);
    const mailer = mailerFor(smtp.url);
    const error = await errorOf(mailer.sendLead("+15125550123@crm.example", LEAD));
    mailer.close();
    expect(error).toMatchObject({ permanent: true });
    expect(error!.message).toContain("550");
    expect(error!.message).not.toContain("5125550123");
  });

  it("plain smtp:// to another machine must upgrade to TLS; to this machine, or smtps://, it need not", () => {
    expect(needsStartTls("smtp://user:pw@smtp.example.com:587")).toBe(true);
    expect(needsStartTls("smtp://10.0.0.5:25")).toBe(true);
    expect(needsStartTls("smtps://user:pw@smtp.example.com:465")).toBe(false);
    expect(needsStartTls("smtp://127.0.0.1:2525")).toBe(false);
    expect(needsStartTls("smtp://localhost:25")).toBe(false);
  });

  it("refuses to send to a server elsewhere that does not offer STARTTLS, and nothing arrives", async () => {
    smtp = await startFakeSmtp(); // it offers no STARTTLS
    // 0.0.0.0 reaches this machine yet is not one of the names treated as local.
    const mailer = mailerFor(smtp.url.replace("127.0.0.1", "0.0.0.0"));
    const error = await errorOf(mailer.sendLead("leads@crm.example", LEAD));
    mailer.close();
    expect(error).toBeDefined();
    expect(smtp.mails).toEqual([]);
  });
});
