import type { ManualClock } from "../../src/adapters/clock/manual-clock.js";
import type { Brain, BrainDecision, BrainInput } from "../../src/core/ports/brain.js";

/** A brain that answers what the test tells it to; by default it asks one question. */
export class ScriptedBrain implements Brain {
  readonly name = "scripted";
  readonly inputs: BrainInput[] = [];
  private readonly queue: { decision: Partial<BrainDecision>; thinkMs: number }[] = [];

  /** With a clock, `thinkMs` moves it while deciding (time to first response). */
  constructor(private readonly clock?: ManualClock) {}

  /** The decision for the next text (merged over the default). */
  next(decision: Partial<BrainDecision>, options: { thinkMs?: number } = {}): this {
    this.queue.push({ decision, thinkMs: options.thinkMs ?? 0 });
    return this;
  }

  async decide(input: BrainInput): Promise<BrainDecision> {
    this.inputs.push(input);
    const planned = this.queue.shift();
    if (planned?.thinkMs) this.clock?.advance(planned.thinkMs);
    return {
      department: "sales",
      intent: "vehicle_question",
      disposition: "follow_up",
      reason: "asked for a detail",
      reply: "Happy to help. What day works for a test drive?",
      lead: {},
      frustration: 0,
      summary: "Customer asked about a vehicle.",
      source: "scripted",
      ...planned?.decision,
    };
  }
}
