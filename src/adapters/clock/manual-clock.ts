import type { Clock } from "../../core/ports/clock.js";

/** A clock that moves only when told: tests of quiet hours, cadences and escalations. */
export class ManualClock implements Clock {
  private current: number;
  private waiters: { at: number; wake: () => void }[] = [];

  constructor(start: Date | string = "2026-01-01T00:00:00Z") {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    this.current = new Date(at).getTime();
    this.wakeDue();
  }

  advance(ms: number): Date {
    this.current += ms;
    this.wakeDue();
    return this.now();
  }

  /** Wakes when a move reaches `at` (in the move itself, so a test's next line sees the work queued). */
  wakeAt(at: Date, wake: () => void): () => void {
    const waiter = { at: at.getTime(), wake };
    this.waiters.push(waiter);
    // Already due: never before the caller has its cancel in hand.
    if (waiter.at <= this.current) queueMicrotask(() => this.wakeDue());
    return () => void (this.waiters = this.waiters.filter((w) => w !== waiter));
  }

  private wakeDue(): void {
    const due = this.waiters.filter((w) => w.at <= this.current).sort((a, b) => a.at - b.at);
    this.waiters = this.waiters.filter((w) => w.at > this.current);
    for (const waiter of due) waiter.wake();
  }
}
