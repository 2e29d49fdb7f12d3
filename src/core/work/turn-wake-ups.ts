import type { Clock } from "../ports/clock.js";
import type { KeyedQueue } from "./keyed-queue.js";
import { wakeAt } from "./wake-at.js";

/**
 * When to look at a conversation whose customer is texting: one wake-up per conversation on
 * Baton's clock, moved later by each new text, that puts the turn in the answer queue. Waiting
 * takes no queue slot, so a thousand customers typing hold none of ANSWER_CONCURRENCY.
 *
 * Only a hint, kept in memory: whether a turn is due is decided by the database (`answerTurn`),
 * so wake-ups on several replicas for one conversation answer it once, and a wake-up lost with
 * its process is replaced by the recovery sweep.
 */
export class TurnWakeUps {
  private readonly pending = new Map<string, { at: number; cancel: () => void }>();
  private emptied: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly clock: Clock,
    private readonly queue: KeyedQueue,
    /** Answers the conversation's turn if due; else says when to look again. */
    private readonly answerTurn: (conversationId: string) => Promise<Date | undefined>,
  ) {}

  /** Look at the conversation at `at` (a text's time plus the window), unless a later look is set already. */
  lookAt(conversationId: string, at: Date): void {
    if (this.closed) return;
    const current = this.pending.get(conversationId);
    if (current && current.at >= at.getTime()) return;
    current?.cancel();
    const entry = { at: at.getTime(), cancel: () => {} };
    this.pending.set(conversationId, entry);
    entry.cancel = wakeAt(this.clock, at, () => {
      if (this.pending.get(conversationId) !== entry) return;
      this.pending.delete(conversationId);
      this.queue.push(conversationId, async () => {
        const again = await this.answerTurn(conversationId);
        if (again) this.lookAt(conversationId, again);
      });
      if (this.pending.size === 0) this.emptied.splice(0).forEach((resolve) => resolve());
    });
  }

  /** Resolves once no look is pending and the queue is idle (tests; a manual clock must be moved past the window). */
  async idle(): Promise<void> {
    for (;;) {
      if (this.pending.size > 0) await new Promise<void>((resolve) => this.emptied.push(resolve));
      await this.queue.idle();
      if (this.pending.size === 0) return;
    }
  }

  /** Shutdown: texts still waiting are left to the other replicas' recovery sweep. */
  close(): void {
    this.closed = true;
    for (const entry of this.pending.values()) entry.cancel();
    this.pending.clear();
    this.emptied.splice(0).forEach((resolve) => resolve());
  }
}
