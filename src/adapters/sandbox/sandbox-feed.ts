import type { CrmWebhookEvent } from "../../core/crm/crm-event.js";
import type { Department } from "../../core/ports/brain.js";
import type { SendFailureReason } from "../../core/ports/sms.js";
import type { MissedCallReceipt } from "../../core/use-cases/calls/missed-calls.js";

/** How a simulated phone's call to the dealership ended: no one picked up, the line was busy, or the caller hung up while it rang. */
export type SandboxCallOutcome = "no-answer" | "busy" | "canceled";
/** What Baton does about a missed call (the core's receipt), or `failed`: Baton did not take it. */
export type SandboxCallAction = Extract<MissedCallReceipt, { accepted: true }>["action"] | "failed";

/** A file in a thread line: Baton's signed /media link, or none for a rep's own files (the page shows its copy). */
export interface SandboxFile {
  name: string;
  contentType: string;
  url?: string;
}

/**
 * What the sandbox page shows, as a list of events: texts on the simulated phones, cards and
 * thread lines in the simulated channel, the manager channel, what the CRM would have received,
 * and the clock. The sandbox SMS, staff-chat and CRM adapters append to it; the page replays it on
 * load and then follows it live.
 */
export type SandboxEvent =
  /** A text on a simulated phone: `in` typed by the customer, `out` sent by the dealership. */
  | {
      type: "sms";
      direction: "in" | "out";
      phone: string;
      dealerNumber: string;
      body: string;
      providerId: string;
      status: string;
      segments: number;
      encoding: string;
      at: string;
      note?: string;
      /** `in`: the files the customer attached (the page that sent them shows its own copies). */
      media?: { contentType: string }[];
      /** `out`: an MMS's files, as the signed same-origin /media links Baton gave the carrier. */
      mediaUrls?: string[];
    }
  /** A simulated phone called the dealership's number and no one answered (the phone shows it at once). */
  | { type: "call"; phone: string; dealerNumber: string; callSid: string; outcome: SandboxCallOutcome; at: string }
  /** What Baton does about that call: `text` (the text-back follows on the phone), or why no text comes. */
  | { type: "call_action"; callSid: string; action: SandboxCallAction }
  /** A delivery report for a text above (Baton received it; the handset received it). */
  | { type: "status"; providerId: string; status: string; reason?: SendFailureReason }
  /** A handoff card posted or redrawn: the same Block Kit JSON Slack would get. */
  | { type: "card"; ts: string; channel: string; conversationId: string; text: string; blocks: unknown[]; at: string }
  /** A line in a card's thread: from Baton (`kind`), or typed by a simulated rep. */
  | {
      type: "thread";
      ts: string;
      kind: "customer" | "system" | "ai" | "warning" | "rep";
      text: string;
      broadcast?: boolean;
      mention?: string;
      rep?: { id: string; name: string };
      at: string;
      /** Files shown with the words (Baton's postFiles), or a rep's attachments. */
      files?: SandboxFile[];
      /** A rep's line: the id POST /sandbox/api/reply answered with, so the page can show its own copies of the files. */
      replyId?: string;
    }
  /** Seen only by one simulated rep (Slack's ephemeral message). */
  | { type: "ephemeral"; ts?: string; userId: string; text: string; at: string }
  /** A post in the manager channel: an escalation or flag (`alert`), or the digest (`report`). */
  | { type: "managers"; kind: "alert" | "report"; text: string; threadTs?: string; at: string }
  /** The sandbox clock moved (or the page asked where it stands). */
  | { type: "clock"; now: string; offsetMs: number; ran?: number }
  /** Whether a simulated phone has signal: without it, texts to it are undeliverable. */
  | { type: "signal"; phone: string; reachable: boolean }
  /** A lead Baton would have e-mailed to the CRM's lead address: the very ADF/XML document (the e-mail's body). */
  | {
      type: "adf";
      to: string;
      adf: string;
      conversationId: string;
      customer: { name?: string; phone: string };
      department: Department;
      at: string;
    }
  /** An event Baton would have posted, signed, to the CRM webhook (`host`: the URL's host, never its path). */
  | { type: "webhook"; host: string; event: CrmWebhookEvent; at: string };

export type SandboxEntry = SandboxEvent & { id: number };

/** The newest events are kept; a very long session forgets its beginning. */
const MAX_EVENTS = 5000;

export class SandboxFeed {
  private readonly events: SandboxEntry[] = [];
  private readonly listeners = new Set<(entry: SandboxEntry) => void>();
  private nextId = 1;

  publish(event: SandboxEvent): SandboxEntry {
    const entry = { ...event, id: this.nextId++ } as SandboxEntry;
    this.events.push(entry);
    if (this.events.length > MAX_EVENTS) this.events.splice(0, this.events.length - MAX_EVENTS);
    for (const listener of this.listeners) listener(entry);
    return entry;
  }

  /** Everything after `afterId` (0: everything kept). */
  since(afterId: number): SandboxEntry[] {
    return this.events.filter((e) => e.id > afterId);
  }

  subscribe(listener: (entry: SandboxEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether a card with this thread ts has been shown. */
  hasCard(ts: string): boolean {
    return this.events.some((e) => e.type === "card" && e.ts === ts);
  }
}
