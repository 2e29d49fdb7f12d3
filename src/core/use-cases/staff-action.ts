/** A person in the staff chat (Slack user, Teams member). */
export interface StaffMember {
  id: string;
  name: string;
}

/** What the person who clicked sees: nothing more, or a note only they see. */
export type StaffActionResult = { ok: true } | { ok: false; notice: string };
