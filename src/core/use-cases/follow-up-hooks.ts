import type { Conversation, StoredMessage } from "../conversation/conversation.js";
import type { BrainDecision } from "../ports/brain.js";
import type { JobType, NewJob } from "../ports/jobs.js";

/** One AI turn, after its reply went out (or did not) and any handoff was made. */
export interface AiTurn {
  conversationId: string;
  decision: BrainDecision;
  /** The AI's reply as stored, when it was sent. */
  reply?: StoredMessage;
  handedOff: boolean;
  /** The conversation as this turn left it, when the caller knows (no handoff moved it); else it is read again. */
  conversation?: Conversation;
  /** The turn's first nudge (if any) was planned with `firstNudge` and written with the turn's update. */
  nudgePlanned?: boolean;
}

/**
 * What the conversation use cases tell the follow-up planner. Every method logs its own
 * failures instead of throwing: planning never undoes a reply or a click.
 */
export interface FollowUpHooks {
  /** Pending jobs any customer text makes moot: cancelled in the statement that takes the text to answer it. */
  readonly cancelledByCustomerText: readonly JobType[];
  /** A customer's text, as it is answered: an owner gets a reminder if they leave it unanswered. */
  customerWrote(conversation: Conversation, message: StoredMessage): Promise<void>;
  /**
   * The nudge that chases an AI reply's question if the customer goes quiet, to be written with
   * the turn's own update; undefined when nothing is to be chased. Pure: it stores nothing.
   */
  firstNudge(conversation: Conversation, decision: BrainDecision, reply: StoredMessage): NewJob | undefined;
  afterAiTurn(turn: AiTurn): Promise<void>;
  claimed(conversationId: string): Promise<void>;
  handedBack(conversationId: string): Promise<void>;
  resolved(conversationId: string): Promise<void>;
  optedOut(conversationId: string): Promise<void>;
  /** A person is needed, outside an AI turn (a text that never got through, a card raised late): the escalation clock starts. */
  handedOff(conversationId: string): Promise<void>;
  /**
   * A handoff's first card is about to be posted: if it is not recorded a minute from now (the
   * staff chat refused it, or Baton died between posting and recording), it is found or posted.
   */
  cardPosting(conversationId: string): Promise<void>;
}

/** For a core that plans nothing (unit tests of one use case): every event is heard and dropped. */
export const NO_FOLLOW_UPS: FollowUpHooks = {
  cancelledByCustomerText: [],
  firstNudge: () => undefined,
  customerWrote: async () => {},
  afterAiTurn: async () => {},
  claimed: async () => {},
  handedBack: async () => {},
  resolved: async () => {},
  optedOut: async () => {},
  handedOff: async () => {},
  cardPosting: async () => {},
};
