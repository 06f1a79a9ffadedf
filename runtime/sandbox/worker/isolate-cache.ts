/**
 * Idle isolates waiting for their next call, keyed by tenant + plugin sha256 + memory limit. A busy
 * isolate is never handed out twice: concurrent calls of one plugin for one tenant get their own.
 */
import type { SandboxIsolate } from './sandbox-isolate.ts';

/** Keeps at most `capacity` idle isolates and disposes the least recently used beyond that. */
export class IsolateCache {
  private readonly capacity: number;
  // Insertion order is recency order: the first entry is the least recently used.
  private readonly idle = new Set<SandboxIsolate>();

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  /** An idle isolate for this key, removed from the cache, or undefined. */
  take(key: string): SandboxIsolate | undefined {
    let found: SandboxIsolate | undefined;
    for (const box of this.idle) if (box.key === key) found = box; // the most recent wins
    if (found) this.idle.delete(found);
    return found;
  }

  /** Returns an isolate after a call that left it healthy. */
  put(box: SandboxIsolate): void {
    if (box.disposed) return;
    this.idle.add(box);
    for (const oldest of this.idle) {
      if (this.idle.size <= this.capacity) break;
      this.idle.delete(oldest);
      oldest.dispose();
    }
  }

  /** How many isolates wait idle. */
  get size(): number {
    return this.idle.size;
  }
}
