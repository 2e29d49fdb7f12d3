import type { Knowledge } from "../knowledge/knowledge.js";

/** What the core needs to know about each store it serves. */
export interface RooftopInfo {
  id: string;
  name: string;
  timezone: string;
  smsNumber?: string;
  knowledge: Knowledge;
}

export interface RooftopDirectory {
  get(dealershipId: string): RooftopInfo;
  /** The rooftop a customer texted, by the number they texted; undefined if it is not ours. */
  bySmsNumber(number: string): RooftopInfo | undefined;
}
