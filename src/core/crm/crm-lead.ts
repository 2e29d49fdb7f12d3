import type { Department, TradeIn, Vehicle } from "../ports/brain.js";

/** One message of the conversation as a CRM reads it in the lead's comments. */
export interface CrmTranscriptLine {
  at: Date;
  /** "Customer", "AI", a rep's name, "Baton". */
  who: string;
  body: string;
}

/**
 * A texting customer as a lead for the dealership's CRM: what an ADF document carries. Built
 * from the conversation when the lead is sent, so it holds everything learnt until then.
 */
export interface CrmLead {
  /** Baton's conversation id: the provider's <id> in ADF, so the CRM can match later leads. */
  conversationId: string;
  requestedAt: Date;
  customer: { name?: string; phone: string; email?: string };
  vehicle?: Vehicle & { condition?: "new" | "used" };
  tradeIn?: TradeIn;
  department: Department;
  /** The AI's one-paragraph summary, when it made one. */
  summary?: string;
  /** The customer's words for when ("Saturday morning"), when given. */
  timing?: string;
  /** The conversation so far, oldest first. */
  transcript: CrmTranscriptLine[];
  /** The rooftop the lead is for. */
  vendor: { id: string; name: string };
}
