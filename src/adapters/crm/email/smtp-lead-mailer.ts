import nodemailer, { type Transporter } from "nodemailer";
import { maskPhonesIn } from "../../../core/compliance/mask-phone.js";
import { CrmDeliveryError, type LeadMailer } from "../../../core/ports/crm.js";
import type { CrmLead } from "../../../core/crm/crm-lead.js";
import { writeAdf } from "../adf/write-adf.js";

/** SMTP replies that mean "this address or message will never be taken" (RFC 5321 5yz). */
const isPermanentReply = (code: number | undefined) => code !== undefined && code >= 500 && code < 600;

/** The mail server's part of an error, in words, without the server's address or credentials. */
function describe(error: { code?: string; responseCode?: number; response?: string; message?: string }): string {
  if (error.responseCode)
    return `the mail server answered ${maskPhonesIn(error.response?.slice(0, 200) ?? String(error.responseCode))}`;
  switch (error.code) {
    case "EAUTH":
      return "the mail server refused SMTP_URL's user name or password";
    case "ECONNECTION":
    case "ESOCKET":
      return "the mail server could not be reached";
    case "ETIMEDOUT":
    case "ETIMEOUT":
      return "the mail server did not answer in time";
    case "EDNS":
      return "the mail server's name could not be found";
    case "ETLS":
      return "the mail server's TLS failed";
    default:
      return `sending failed (${error.code ?? "unknown error"})`;
  }
}

/** smtp:// (not smtps://) to a host other than this machine. */
export function needsStartTls(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === "smtp:" && !/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(hostname);
}

/**
 * ADF leads by e-mail through the dealership's own mail server (nodemailer: SMTP, STARTTLS,
 * auth and pooling done right, not by hand). The ADF document is the whole plain-text body, as
 * CRMs' lead addresses parse it; the subject says who and what for a person reading the inbox.
 */
export class SmtpLeadMailer implements LeadMailer {
  private readonly transport: Transporter;

  constructor(
    private readonly options: {
      url: string;
      from: string;
      /** The rooftops' zones, for the ADF's request date. */
      timezoneOf: (dealershipId: string) => string;
      /** @default 20 s per phase: a hung server is a retry, not a stuck job */
      timeoutMs?: number;
    },
  ) {
    const timeout = options.timeoutMs ?? 20_000;
    // The timeouts go with the URL (a second argument would be per-message defaults, not these).
    this.transport = nodemailer.createTransport({
      url: options.url,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      // smtp:// to another machine must upgrade with STARTTLS: a stripped offer would send the
      // password and the customer's details in clear. To this machine (a local relay) it may not.
      requireTLS: needsStartTls(options.url),
    });
  }

  async sendLead(to: string, lead: CrmLead): Promise<void> {
    const adf = writeAdf(lead, { timezone: this.options.timezoneOf(lead.vendor.id) });
    const who = lead.customer.name ?? "SMS customer";
    try {
      await this.transport.sendMail({
        from: this.options.from,
        to,
        subject: `Lead from ${lead.vendor.name} texting: ${who} (${lead.department})`,
        text: adf,
        // The CRM matches a retry by this id: the same conversation and department is one message.
        messageId: `<${lead.conversationId}.${lead.department}@baton.sms>`,
        headers: { "X-Baton-Conversation": lead.conversationId },
      });
    } catch (error) {
      const e = error as { code?: string; responseCode?: number; response?: string };
      throw new CrmDeliveryError(describe(e), isPermanentReply(e.responseCode));
    }
  }

  close(): void {
    this.transport.close();
  }
}
