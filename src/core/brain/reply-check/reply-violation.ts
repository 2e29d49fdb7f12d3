/** The rules a reply can break, each named on the card when a reply is held back. */
export type ReplyRule =
  | "money"
  | "ungrounded_number"
  | "commitment"
  | "promise"
  | "sensitive_claim"
  | "persona"
  | "unknown_name"
  | "foreign_contact"
  | "reveal"
  | "echo"
  | "unknown_vehicle"
  | "wrong_language";

export interface ReplyViolation {
  rule: ReplyRule;
  matched: string;
}
