/**
 * Work that takes turns: each task starts when the one before it has settled, whether it
 * succeeded or failed. `paper watch` runs its rebuilds and the commands it answers through one
 * `Turns`, so an answer never shares the machine with a rebuild, nor sees one half done.
 */
export class Turns {
  private last: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.last.then(() => task());
    this.last = result.catch(() => undefined);
    return result;
  }
}
