import { MODEL_FAILURE_CAUSES, type ModelFailureCause } from "./model-failure.js";

export interface BreakerSettings {
  /** Consecutive failures (errors, invalid output, failed verification) that open the breaker. @default 5 */
  failuresToOpen: number;
  /** How long Baton answers alone before trying the model again. @default 300000 */
  coolDownMs: number;
}

export const DEFAULT_BREAKER: BreakerSettings = { failuresToOpen: 5, coolDownMs: 300_000 };

/** Told when the breaker opens (once per opening) and when the model answers again after it. */
export interface BreakerEvents {
  opened?(event: { at: Date; until: Date; cause: ModelFailureCause; failures: number }): void;
  closed?(event: { at: Date; pausedSince: Date }): void;
}

export interface ModelHealthReport {
  model: string;
  breaker: "closed" | "open" | "trial";
  consecutiveFailures: number;
  openedAt?: string;
  openUntil?: string;
  answered: number;
  /**
   * Answers the model did not give, by cause; `paused` counts texts answered while the breaker
   * was open, `unverified` replies Baton could not vouch for (its own answer went instead; not a failure).
   */
  fallbacks: Record<ModelFailureCause | "paused" | "unverified", number>;
  lastFailure?: { at: string; cause: ModelFailureCause };
  lastOkAt?: string;
}

/**
 * How the model is doing, in this process, and the circuit breaker that stops a broken model
 * from costing every customer a wait and the people a flood of cards. After `failuresToOpen`
 * failures in a row Baton answers with its own brain for `coolDownMs`, then lets one text try
 * the model: success closes the breaker, failure opens it for another cool-down (without
 * telling the managers again).
 */
export class ModelHealth {
  private consecutive = 0;
  private openedAt: Date | undefined;
  private openUntil: Date | undefined;
  private trial = false;
  private answered = 0;
  private lastOkAt: Date | undefined;
  private lastFailure: { at: Date; cause: ModelFailureCause } | undefined;
  private readonly fallbacks = Object.fromEntries(
    [...MODEL_FAILURE_CAUSES, "paused", "unverified"].map((c) => [c, 0]),
  ) as ModelHealthReport["fallbacks"];

  constructor(
    readonly model: string,
    private readonly settings: BreakerSettings = DEFAULT_BREAKER,
    private readonly now: () => Date = () => new Date(),
    private events: BreakerEvents = {},
  ) {}

  /** Who hears the breaker open and close (the core, once it exists: the brain is one of its ports). */
  watch(events: BreakerEvents): void {
    this.events = events;
  }

  /** Whether this text may ask the model. While open, no; after the cool-down, one trial at a time. */
  mayAsk(): boolean {
    if (!this.openUntil) return true;
    if (this.trial || this.now().getTime() < this.openUntil.getTime()) {
      this.fallbacks.paused += 1;
      return false;
    }
    this.trial = true;
    return true;
  }

  succeeded(): void {
    const pausedSince = this.openedAt;
    this.answered += 1;
    this.consecutive = 0;
    this.lastOkAt = this.now();
    this.openedAt = this.openUntil = undefined;
    this.trial = false;
    if (pausedSince) this.events.closed?.({ at: this.now(), pausedSince });
  }

  /** The model answered, validly, but with words or claims Baton cannot vouch for: counted, not held against it. */
  unverified(): void {
    this.fallbacks.unverified += 1;
    this.succeeded();
  }

  failed(cause: ModelFailureCause): void {
    const at = this.now();
    this.fallbacks[cause] += 1;
    this.consecutive += 1;
    this.lastFailure = { at, cause };
    if (this.trial) {
      // The trial failed: another cool-down, already announced.
      this.trial = false;
      this.openUntil = new Date(at.getTime() + this.settings.coolDownMs);
      return;
    }
    if (!this.openUntil && this.consecutive >= this.settings.failuresToOpen) {
      this.openedAt = at;
      this.openUntil = new Date(at.getTime() + this.settings.coolDownMs);
      this.events.opened?.({ at, until: this.openUntil, cause, failures: this.consecutive });
    }
  }

  report(): ModelHealthReport {
    const state = !this.openUntil ? "closed" : this.trial ? "trial" : "open";
    return {
      model: this.model,
      breaker: state,
      consecutiveFailures: this.consecutive,
      ...(this.openedAt ? { openedAt: this.openedAt.toISOString() } : {}),
      ...(this.openUntil ? { openUntil: this.openUntil.toISOString() } : {}),
      answered: this.answered,
      fallbacks: { ...this.fallbacks },
      ...(this.lastFailure
        ? { lastFailure: { at: this.lastFailure.at.toISOString(), cause: this.lastFailure.cause } }
        : {}),
      ...(this.lastOkAt ? { lastOkAt: this.lastOkAt.toISOString() } : {}),
    };
  }
}
