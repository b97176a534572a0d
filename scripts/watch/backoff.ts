/**
 * Delays that double, from `first` up to `most`: how `paper watch` waits before it looks again when
 * no event says what changed (a save still being written, an input it could not read). Looking
 * again at once, in a loop, spun a core with tens of thousands of silent rebuilds (audit F7, F21).
 */
export class Backoff {
  private coming: number;

  constructor(
    private readonly first: number,
    private readonly most: number,
  ) {
    this.coming = first;
  }

  /** The delay to wait now, in ms; the next one is twice as long, up to `most`. */
  next(): number {
    const delay = this.coming;
    this.coming = Math.min(delay * 2, this.most);
    return delay;
  }

  /** Start again from `first`. */
  reset(): void {
    this.coming = this.first;
  }
}
