/**
 * Display names of people seen in recent activities, by Teams user id. A mention needs the
 * name as well as the id, and the port's `tellUser` only carries the id; the activity that
 * leads to a `tellUser` has just put the name here.
 */
export class RecentMembers {
  private readonly names = new Map<string, string>();

  constructor(private readonly capacity = 1000) {}

  remember(id: string | undefined, name: string | undefined): void {
    if (!id || !name) return;
    this.names.delete(id); // re-insert: a Map keeps insertion order, so the oldest is first
    this.names.set(id, name);
    if (this.names.size > this.capacity) this.names.delete(this.names.keys().next().value!);
  }

  nameOf(id: string): string | undefined {
    return this.names.get(id);
  }
}
