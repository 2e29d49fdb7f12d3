import { formatDuration } from "./format-duration.js";

/** The rows a day's digest is computed from (one dealership, one local day). */
export interface DigestRows {
  /** Conversations whose first text arrived in the period, with when the first answer went out. */
  firstTexts: { conversationId: string; receivedAt: Date; respondedAt?: Date }[];
  /** Customer texts received in the period. */
  inbound: { conversationId: string; at: Date }[];
  /** Nudges sent in the period. */
  nudges: { conversationId: string; at: Date }[];
  /** handoff_requested, claimed and opted_out events in the period. */
  events: { conversationId: string; type: string; at: Date }[];
  /** Handoffs waiting for a person at the end of the period. */
  stillUnclaimed: number;
  /** Web and ADF leads received in the period (repeats left out), with when the first text went out. */
  leads?: { receivedAt: Date; firstTouchAt?: Date }[];
  /** CRM deliveries (ADF leads, webhook events) finished in the period: how each ended. */
  crm?: { kind: "lead" | "event"; delivered: boolean }[];
  /** Missed calls in the period: when the text-back went (when one did), when the caller first texted after it. */
  calls?: { endedAt: Date; textedBackAt?: Date; repliedAt?: Date }[];
}

export interface DigestFigures {
  textsReceived: number;
  firstResponseMedianMs?: number;
  firstResponseP90Ms?: number;
  handoffs: number;
  /** Conversations those handoffs were in: one handed back and needed again is one card, two handoffs. */
  handoffConversations: number;
  claimMedianMs?: number;
  claimP90Ms?: number;
  stillUnclaimed: number;
  optOuts: number;
  nudgesSent: number;
  /** Customers who texted back after a nudge they got in the period. */
  customersAnsweredNudge: number;
  /** Speed to lead: leads received, how many were texted, and how fast; absent on a day without leads. */
  leads?: { received: number; texted: number; medianMs?: number; p90Ms?: number };
  /** What went to the CRM and what was given up on; absent on a day it was sent nothing. */
  crm?: { leadsSent: number; eventsSent: number; givenUp: number };
  /** Missed calls, those recovered by text (the caller texted after the text-back), time to the text-back; absent on a day without. */
  calls?: { missed: number; textedBack: number; recovered: number; textBackMedianMs?: number };
}

/** Nearest-rank percentile (p in 0..100) of unsorted values; undefined for none. */
export function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** Pure: the digest's figures from its rows. */
export function computeDigest(rows: DigestRows): DigestFigures {
  const firstResponses = rows.firstTexts
    .filter((t) => t.respondedAt)
    .map((t) => Math.max(0, t.respondedAt!.getTime() - t.receivedAt.getTime()));

  // Time to claim: each handoff request paired with the first claim of that conversation after it.
  const byTime = [...rows.events].sort((a, b) => a.at.getTime() - b.at.getTime());
  const claimWaits: number[] = [];
  for (const handoff of byTime.filter((e) => e.type === "handoff_requested")) {
    const claim = byTime.find(
      (e) => e.type === "claimed" && e.conversationId === handoff.conversationId && e.at >= handoff.at,
    );
    if (claim) claimWaits.push(claim.at.getTime() - handoff.at.getTime());
  }

  const answered = new Set(
    rows.nudges
      .filter((n) => rows.inbound.some((m) => m.conversationId === n.conversationId && m.at > n.at))
      .map((n) => n.conversationId),
  );

  return {
    textsReceived: rows.inbound.length,
    firstResponseMedianMs: percentile(firstResponses, 50),
    firstResponseP90Ms: percentile(firstResponses, 90),
    handoffs: byTime.filter((e) => e.type === "handoff_requested").length,
    handoffConversations: new Set(byTime.filter((e) => e.type === "handoff_requested").map((e) => e.conversationId))
      .size,
    claimMedianMs: percentile(claimWaits, 50),
    claimP90Ms: percentile(claimWaits, 90),
    stillUnclaimed: rows.stillUnclaimed,
    // Customers, not texts: "STOP" then "stop texting me" is one opt-out.
    optOuts: new Set(rows.events.filter((e) => e.type === "opted_out").map((e) => e.conversationId)).size,
    nudgesSent: rows.nudges.length,
    customersAnsweredNudge: answered.size,
    leads: speedToLead(rows.leads),
    crm: rows.crm?.length
      ? {
          leadsSent: rows.crm.filter((d) => d.kind === "lead" && d.delivered).length,
          eventsSent: rows.crm.filter((d) => d.kind === "event" && d.delivered).length,
          givenUp: rows.crm.filter((d) => !d.delivered).length,
        }
      : undefined,
    calls: missedCalls(rows.calls),
  };
}

/** Missed calls: texted back, and recovered when the caller texted after the text-back. */
function missedCalls(calls: DigestRows["calls"]): DigestFigures["calls"] {
  if (!calls?.length) return undefined;
  const texted = calls.filter((c) => c.textedBackAt);
  return {
    missed: calls.length,
    textedBack: texted.length,
    recovered: texted.filter((c) => c.repliedAt).length,
    textBackMedianMs: percentile(
      texted.map((c) => Math.max(0, c.textedBackAt!.getTime() - c.endedAt.getTime())),
      50,
    ),
  };
}

/** Time from a lead's arrival to Baton's first text, over the leads that got one. */
function speedToLead(leads: DigestRows["leads"]): DigestFigures["leads"] {
  if (!leads?.length) return undefined;
  const waits = leads
    .filter((l) => l.firstTouchAt)
    .map((l) => Math.max(0, l.firstTouchAt!.getTime() - l.receivedAt.getTime()));
  return {
    received: leads.length,
    texted: waits.length,
    medianMs: percentile(waits, 50),
    p90Ms: percentile(waits, 90),
  };
}

const span = (median?: number, p90?: number) =>
  median === undefined ? "n/a" : `median ${formatDuration(median)}, p90 ${formatDuration(p90 ?? median)}`;

/** The digest as a few lines for the manager channel. */
export function formatDigest(dealershipName: string, day: string, f: DigestFigures): string {
  return [
    `*Daily digest · ${dealershipName} · ${day}*`,
    `• Texts received: ${f.textsReceived}`,
    `• Time to first response: ${span(f.firstResponseMedianMs, f.firstResponseP90Ms)}`,
    `• Handoffs: ${f.handoffs}${f.handoffConversations !== f.handoffs ? ` in ${f.handoffConversations} conversations` : ""} · time to claim: ${span(f.claimMedianMs, f.claimP90Ms)} · still unclaimed: ${f.stillUnclaimed}`,
    `• Opt-outs: ${f.optOuts}`,
    `• Nudges sent: ${f.nudgesSent} · customers who answered one: ${f.customersAnsweredNudge}`,
    ...(f.leads
      ? [
          `• Leads: ${f.leads.received} · texted: ${f.leads.texted} · speed to lead: ${span(f.leads.medianMs, f.leads.p90Ms)}`,
        ]
      : []),
    ...(f.crm
      ? [
          `• CRM: ${f.crm.leadsSent} lead${f.crm.leadsSent === 1 ? "" : "s"} and ${f.crm.eventsSent} event${f.crm.eventsSent === 1 ? "" : "s"} sent${f.crm.givenUp ? ` · *${f.crm.givenUp} given up* (see the alerts above)` : ""}`,
        ]
      : []),
    ...(f.calls
      ? [
          `• Missed calls: ${f.calls.missed} · texted back: ${f.calls.textedBack}${f.calls.textBackMedianMs !== undefined ? ` (median ${formatDuration(f.calls.textBackMedianMs)} after the call)` : ""} · recovered by text: ${f.calls.recovered}`,
        ]
      : []),
  ].join("\n");
}
