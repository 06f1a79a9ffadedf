/** The run's trace: numbered events as they happen, plus the per-node summary kept in the RunRecord. */

import { EventStream } from './event-stream.ts';
import type { NodeRecord, TraceEvent, UsedPlugin } from './types.ts';

/** An event before the trace stamps it with run id, sequence number and time. */
export type PendingEvent = Omit<TraceEvent, 'runId' | 'seq' | 'at'>;

/** What a finished node execution adds to its NodeRecord. */
export type NodeOutcomeRecord = Omit<NodeRecord, 'executions'>;

/** Collects one run's events and node records. */
export class Trace {
  readonly runId: string;
  readonly stream = new EventStream<TraceEvent>();
  readonly nodes: Record<string, NodeRecord> = {};
  readonly plugins: Record<string, UsedPlugin> = {};
  #seq = 0;

  constructor(runId: string) {
    this.runId = runId;
  }

  /** Stamps and publishes an event. The event object is kept as is (no copy of inputs or outputs). */
  emit(event: PendingEvent): TraceEvent {
    const stamped = event as TraceEvent;
    stamped.runId = this.runId;
    stamped.seq = ++this.#seq;
    stamped.at = Date.now();
    this.stream.push(stamped);
    return stamped;
  }

  /** Records a node execution; a node run several times (loops) keeps its last one and a count. */
  recordNode(key: string, outcome: NodeOutcomeRecord): void {
    const known = this.nodes[key];
    const executions = (known?.executions ?? 0) + 1;
    const record = outcome as NodeRecord;
    record.executions = executions;
    this.nodes[key] = record;
  }

  /** Remembers the exact plugin version a `uses:` string resolved to. */
  recordPlugin(uses: string, plugin: UsedPlugin): void {
    this.plugins[uses] ??= plugin;
  }

  /** No more events: live readers finish. */
  end(): void {
    this.stream.end();
  }
}
