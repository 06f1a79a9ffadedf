/**
 * Circuit breakers keyed by plugin + target. After `failures` failures in a row the circuit opens and
 * calls fail fast; once `resetAfter` has passed, one trial call goes through (half-open): success
 * closes the circuit, failure opens it again. Pass one instance to many runs so they protect each other.
 */
import { NodeError } from '../workflow/errors.ts';

/** When a breaker opens and how long it stays open. */
export interface BreakerPolicy {
  failures: number;
  resetAfterMs: number;
}

/** The state a user sees for one plugin + target. */
export type BreakerState = 'closed' | 'open' | 'half-open';

interface Circuit {
  failures: number;
  openedAt: number | undefined;
  trialRunning: boolean;
}

/** A shared set of circuit breakers. */
export class CircuitBreakers {
  readonly #circuits = new Map<string, Circuit>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  /** The state of one circuit, for dashboards and tests. */
  state(key: string, policy: BreakerPolicy): BreakerState {
    const circuit = this.#circuits.get(key);
    if (circuit?.openedAt === undefined) return 'closed';
    return circuit.trialRunning || this.#now() - circuit.openedAt >= policy.resetAfterMs
      ? 'half-open'
      : 'open';
  }

  /** Throws a `circuit-open` error when the call must not go through; marks a half-open trial otherwise. */
  beforeCall(key: string, policy: BreakerPolicy, nodeId: string): void {
    const circuit = this.#circuits.get(key);
    if (circuit?.openedAt === undefined) return;
    const waited = this.#now() - circuit.openedAt;
    if (waited >= policy.resetAfterMs && !circuit.trialRunning) {
      circuit.trialRunning = true;
      return;
    }
    const retryIn = Math.max(0, policy.resetAfterMs - waited);
    throw new NodeError(
      'circuit-open',
      `node '${nodeId}': circuit open for ${key} after ${circuit.failures} failures in a row; next try in ${Math.ceil(retryIn / 1000)} s`,
      { nodeId, key },
    );
  }

  /** A call succeeded: the circuit closes. */
  onSuccess(key: string): void {
    this.#circuits.delete(key);
  }

  /** A call failed: count it, and open the circuit at the threshold or when the half-open trial failed. */
  onFailure(key: string, policy: BreakerPolicy): void {
    let circuit = this.#circuits.get(key);
    if (!circuit) {
      circuit = { failures: 0, openedAt: undefined, trialRunning: false };
      this.#circuits.set(key, circuit);
    }
    circuit.failures++;
    if (circuit.trialRunning || circuit.failures >= policy.failures) {
      circuit.openedAt = this.#now();
      circuit.trialRunning = false;
    }
  }
}

/** A new set of breakers; `now` is injectable for tests. */
export function createCircuitBreakers(options: { now?: () => number } = {}): CircuitBreakers {
  return new CircuitBreakers(options);
}
