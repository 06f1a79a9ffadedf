/** What a worker's result message means for its call: the value, a node error, or malformed (undefined). */
import type { SandboxLimits } from './limits.ts';
import type { FailureKind, ResultMessage } from './protocol.ts';
import { parseUntrustedJson } from './safe-json.ts';
import { sandboxFailure } from './sandbox-errors.ts';
import type { SandboxCall } from './sandbox-process.ts';

const FAILURE_KINDS = new Set<FailureKind>([
  'timeout',
  'wall-timeout',
  'memory',
  'plugin',
  'output-too-large',
  'bad-module',
  'cancelled',
  'internal',
]);

/**
 * The outcome of a call from its result message. `bytes` is the UTF-8 length of an ok result's
 * value, as it came in the frame's body. Undefined when the message is malformed (the caller then
 * kills the worker: it is not behaving).
 */
export function resultOutcome(
  call: SandboxCall,
  limits: SandboxLimits,
  message: ResultMessage,
  bytes: number,
): { value: unknown } | { error: Error } | undefined {
  const site = { nodeId: call.ctx.nodeId, pluginId: call.manifest.id, limits };
  if (message.ok === true && typeof message.value === 'string') {
    if (bytes > limits.maxOutputBytes) {
      const text = `the output is ${bytes} bytes, over the limit of ${limits.maxOutputBytes} bytes`;
      return { error: sandboxFailure(site, 'output-too-large', text) };
    }
    try {
      return { value: parseUntrustedJson(message.value) };
    } catch {
      return { error: sandboxFailure(site, 'internal', 'the output is not JSON') };
    }
  }
  if (message.ok === false && FAILURE_KINDS.has(message.kind) && typeof message.message === 'string') {
    const code = typeof message.code === 'string' ? message.code : undefined;
    return { error: sandboxFailure(site, message.kind, message.message.slice(0, 2_000), code) };
  }
  return undefined;
}
