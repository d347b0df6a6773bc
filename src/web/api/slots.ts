/** Bounded concurrency by key (client IP) and in total: long requests (SSE streams, analyses) take a slot. */

export class Slots {
  private total = 0;
  private readonly byKey = new Map<string, number>();

  constructor(
    private readonly maxTotal: number,
    private readonly maxPerKey: number,
  ) {}

  /** A release function (safe to call more than once), or why no slot was free. */
  tryAcquire(key: string): { release: () => void } | { refused: 'total' | 'key' } {
    if (this.total >= this.maxTotal) return { refused: 'total' };
    const held = this.byKey.get(key) ?? 0;
    if (held >= this.maxPerKey) return { refused: 'key' };
    this.total += 1;
    this.byKey.set(key, held + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.total -= 1;
        const left = (this.byKey.get(key) ?? 1) - 1;
        if (left > 0) this.byKey.set(key, left);
        else this.byKey.delete(key);
      },
    };
  }

  get inUse(): number {
    return this.total;
  }
}
