/**
 * Module sources a worker process has received, by sha256, so the host sends a plugin's bundle once
 * per process instead of with every call (a bundle can be hundreds of KB). Bounded by total size;
 * the least recently used go first, and the host resends one on a 'need-source' answer.
 */

/** Sources by sha256, at most `maxChars` characters in all. */
export class ModuleSources {
  private readonly maxChars: number;
  // Insertion order is recency order: the first entry is the least recently used.
  private readonly bySha = new Map<string, string>();
  private chars = 0;

  constructor(maxChars: number) {
    this.maxChars = maxChars;
  }

  /** The source for `sha256`, marked as recently used; undefined when this process does not have it. */
  get(sha256: string): string | undefined {
    const source = this.bySha.get(sha256);
    if (source !== undefined) {
      this.bySha.delete(sha256);
      this.bySha.set(sha256, source);
    }
    return source;
  }

  /** Keeps a source the host sent; evicts the oldest beyond the size bound. */
  put(sha256: string, source: string): void {
    const old = this.bySha.get(sha256);
    if (old !== undefined) {
      this.bySha.delete(sha256);
      this.chars -= old.length;
    }
    this.bySha.set(sha256, source);
    this.chars += source.length;
    for (const [sha, text] of this.bySha) {
      if (this.chars <= this.maxChars || sha === sha256) break;
      this.bySha.delete(sha);
      this.chars -= text.length;
    }
  }
}
