/** A live view of a growing event list: an async iterable that waits for new events until the list ends. */

/** Pushes events to one array and lets one reader follow along as they arrive. */
export class EventStream<T> implements AsyncIterable<T> {
  readonly events: T[] = [];
  #ended = false;
  #wake: (() => void) | undefined;
  #iterated = false;

  /** Appends an event and wakes the reader. */
  push(event: T): void {
    this.events.push(event);
    this.#notify();
  }

  /** No more events will come; the reader finishes after the last one. */
  end(): void {
    this.#ended = true;
    this.#notify();
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.#iterated)
      throw new Error('run events can be iterated only once; read RunRecord.events for a second look');
    this.#iterated = true;
    let next = 0;
    return {
      next: async (): Promise<IteratorResult<T>> => {
        while (next >= this.events.length) {
          if (this.#ended) return { value: undefined, done: true };
          await new Promise<void>((resolve) => {
            this.#wake = resolve;
          });
        }
        return { value: this.events[next++]!, done: false };
      },
      return: async (): Promise<IteratorResult<T>> => {
        next = Number.POSITIVE_INFINITY;
        return { value: undefined, done: true };
      },
    };
  }
}
