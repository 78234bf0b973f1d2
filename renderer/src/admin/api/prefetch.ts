/**
 * An answer asked for as the console starts, before React has drawn anything, for the page it
 * opens on. A query of the same key takes it while it is still on its way (both of StrictMode's
 * mounts share it); once it has arrived, the next load asks the hub afresh.
 */
export class Prefetch<T> {
  private pending: { key: string; answer: Promise<T> } | null = null;

  start(key: string, load: () => Promise<T>): void {
    const answer = load();
    const entry = { key, answer };
    this.pending = entry;
    const settle = () => {
      if (this.pending === entry) this.pending = null;
    };
    answer.then(settle, settle);
  }

  /** The answer on its way for this key, or a fresh load. */
  take(key: string, load: () => Promise<T>): Promise<T> {
    return this.pending?.key === key ? this.pending.answer : load();
  }
}
