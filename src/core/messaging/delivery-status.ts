/**
 * Where a text the provider took stands, in Baton's words: what a send returns and what delivery
 * reports say. Each SMS adapter maps its provider's words to these.
 */
export const DELIVERY_STATUSES = [
  /** The provider has it and has not handed it to the carrier yet. */
  "queued",
  /** Handed to the carrier. */
  "sent",
  "delivered",
  /** The carrier could not deliver it (the phone is off, the number is gone…). */
  "undeliverable",
  /** The provider could not send it. */
  "failed",
  /** Withdrawn before it went out. */
  "canceled",
  /** A word from the provider Baton does not know: it may or may not have arrived. */
  "unknown",
] as const;

export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The provider or the carrier says the customer did not get it: people are told. */
export const isNotDelivered = (status: DeliveryStatus): boolean => status === "undeliverable" || status === "failed";
