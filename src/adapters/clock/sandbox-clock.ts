import { systemClock, type Clock } from "../../core/ports/clock.js";

/**
 * Real time plus an offset that only grows: the sandbox's "fast clock". Moving it forward lets a
 * person watch a nudge, a reminder or an escalation happen without waiting hours for it.
 */
export class SandboxClock implements Clock {
  private offset = 0;

  constructor(private readonly base: Clock = systemClock) {}

  now(): Date {
    return new Date(this.base.now().getTime() + this.offset);
  }

  /** How far ahead of the underlying clock this one runs. */
  get offsetMs(): number {
    return this.offset;
  }

  advance(ms: number): Date {
    if (!(ms > 0)) throw new RangeError("the sandbox clock only moves forward");
    this.offset += ms;
    return this.now();
  }
}
