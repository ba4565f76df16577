// Equal strings held by many connections at once, kept as one copy while any
// of them holds it. A connection's view key (the JSON of level, restrictions,
// team and plan) is a few hundred bytes and the same for every member of a
// team with the same access; held once per socket it was most of what an idle
// connection cost beyond its `ws` buffers. Counted, so a view nobody holds any
// more is forgotten rather than kept for the life of the hub.
export class SharedStrings {
  private readonly held = new Map<string, { value: string; holders: number }>();

  /** The shared copy of `value`, counted until `release`d. */
  share(value: string): string {
    const entry = this.held.get(value);
    if (entry) {
      entry.holders += 1;
      return entry.value;
    }
    this.held.set(value, { value, holders: 1 });
    return value;
  }

  release(value: string): void {
    const entry = this.held.get(value);
    if (!entry) return;
    entry.holders -= 1;
    if (entry.holders === 0) this.held.delete(value);
  }

  /** How many distinct strings are held (for tests). */
  get size(): number {
    return this.held.size;
  }
}
