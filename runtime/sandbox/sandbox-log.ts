/**
 * Log lines coming out of a sandbox: parsed by the host, cut to size, and capped per call, with one
 * note in the trace when the cap is reached. A bad line is dropped; it never fails the node.
 */
import type { LogFn } from '../../registry/sdk/plugin.ts';
import { parseUntrustedJson } from './safe-json.ts';

const MAX_LOG_CHARS = 8_000;
const MAX_LOG_BYTES = 64_000;

/** A call's log as the host counts it (the sandbox's own count is not trusted). */
export interface CallLog {
  lines: number;
  max: number;
  log: LogFn;
}

/** Writes one line the sandbox sent (JSON `[message, data?]`) to the call's trace. */
export function writeSandboxLog(target: CallLog, args: string): void {
  target.lines++;
  if (target.lines === target.max + 1) {
    target.log(`log limit of ${target.max} lines reached; later lines are dropped`, { level: 'warn' });
  }
  if (target.lines > target.max) return;
  if (args.length > MAX_LOG_BYTES) {
    target.log('[a log line over 64 KB was dropped]', { level: 'warn' });
    return;
  }
  try {
    const parsed = parseUntrustedJson(args);
    if (!Array.isArray(parsed)) return;
    const text = String(parsed[0]).slice(0, MAX_LOG_CHARS);
    if (parsed.length > 1) target.log(text, parsed[1]);
    else target.log(text);
  } catch {
    // An unreadable log line is dropped.
  }
}
