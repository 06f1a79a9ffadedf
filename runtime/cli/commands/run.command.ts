/** `flow run <file> --input <json|@file> [--trace]`: runs a workflow offline and prints its output. */
import { dirname, resolve } from 'node:path';
import { createExampleRunner } from '../../../workflows/example-runner.ts';
import type { TraceEvent } from '../../engine/types.ts';
import { readInput } from '../read-input.ts';

/** Where the command writes: output JSON to `stdout`, the live trace to `stderr`. */
export interface RunStreams {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const ms = (value: number | undefined) => `${(value ?? 0).toFixed(1)} ms`;

const preview = (value: unknown) => {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
};

/** One trace line per node event, as it happens. */
export function traceLine(event: TraceEvent): string | undefined {
  const node = `${event.scope ? `${event.scope}/` : ''}${event.nodeId ?? ''}`;
  switch (event.type) {
    case 'node.started':
      return `▶ ${node} (${event.uses})`;
    case 'node.completed':
      return `✓ ${node} ${ms(event.durationMs)} → ${preview(event.output)}`;
    case 'node.failed':
      return `✗ ${node} ${ms(event.durationMs)}: ${event.error?.message}`;
    case 'node.retrying':
      return `↻ ${node} attempt ${event.attempt} failed: ${event.error?.message}; retrying`;
    case 'node.skipped':
      return `- ${node} skipped (disabled)`;
    case 'node.log':
      return `  ${node}: ${event.message}${event.data === undefined ? '' : ` ${preview(event.data)}`}`;
    case 'run.completed':
    case 'run.failed':
    case 'run.cancelled':
      return `${event.type} in ${ms(event.durationMs)}`;
    default:
      return undefined;
  }
}

/** Runs the workflow; returns the exit code (0 completed, 1 failed or cancelled). */
export async function runCommand(
  file: string,
  options: { input?: string; trace?: boolean },
  streams: RunStreams,
): Promise<number> {
  const input = await readInput(options.input);
  const path = resolve(file);
  const runner = await createExampleRunner({ dir: dirname(path), realTime: true });
  const cancel = new AbortController();
  const onSignal = () => cancel.abort();
  process.once('SIGINT', onSignal);
  try {
    const handle = await runner.start(path, input, { signal: cancel.signal });
    if (options.trace) {
      for await (const event of handle.events) {
        const line = traceLine(event);
        if (line) streams.stderr(`${line}\n`);
      }
    }
    const record = await handle.result;
    if (record.status === 'completed') {
      streams.stdout(`${JSON.stringify(record.output ?? null, null, 2)}\n`);
      return 0;
    }
    const where = record.error?.nodeId ? ` at node '${record.error.nodeId}'` : '';
    streams.stderr(`run ${record.status}${where}: ${record.error?.message ?? 'cancelled'}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
  }
}
