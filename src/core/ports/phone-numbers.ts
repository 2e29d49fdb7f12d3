/** What kind of line a number is, and where: what the destination policy for automated texts reads. */
export interface PhoneClass {
  /** ISO 3166 country, e.g. "US", "CA", "BS"; undefined when the number belongs to no known plan. */
  country?: string;
  kind: "line" | "premium" | "toll_free" | "shared_cost" | "unknown";
}

/** Classifies a number in E.164. */
export interface PhoneNumbers {
  classify(e164: string): PhoneClass;
}
