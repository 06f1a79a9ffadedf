/**
 * Turns a sandbox failure into the error the engine sees. Every failure is a node error the
 * workflow's `onError` can handle; timeouts are TimeoutErrors so retries treat them alike.
 */
import { CancelledError, NodeError, TimeoutError } from '../workflow/errors.ts';
import type { SandboxLimits } from './limits.ts';
import type { FailureKind } from './protocol.ts';

/** Where a failure happened, for the error's details. */
export interface FailureSite {
  nodeId: string;
  pluginId: string;
  limits: SandboxLimits;
}

/** The error for a failed sandbox call. `message` and `code` come from the sandbox: treated as text only. */
export function sandboxFailure(site: FailureSite, kind: FailureKind, message: string, code?: string): Error {
  const { nodeId, pluginId, limits } = site;
  switch (kind) {
    case 'timeout':
      return withDetails(new TimeoutError(nodeId, limits.cpuMs), { plugin: pluginId, limit: 'cpu' });
    case 'wall-timeout':
      return withDetails(new TimeoutError(nodeId, limits.wallMs), { plugin: pluginId, limit: 'wall' });
    case 'memory':
      return new NodeError('memory-limit', `exceeded the memory limit of ${limits.memoryMb} MB`, {
        nodeId,
        plugin: pluginId,
        memoryMb: limits.memoryMb,
      });
    case 'cancelled':
      return new CancelledError();
    case 'output-too-large':
      return new NodeError('output-too-large', message, {
        nodeId,
        plugin: pluginId,
        maxOutputBytes: limits.maxOutputBytes,
      });
    case 'bad-module':
      return new NodeError('plugin-load-failed', `${pluginId} could not be loaded: ${message}`, {
        nodeId,
        plugin: pluginId,
      });
    case 'plugin':
      return new NodeError('plugin-error', message, {
        nodeId,
        plugin: pluginId,
        ...(code ? { pluginCode: code } : {}),
      });
    default:
      return new NodeError('sandbox-error', `the sandbox failed while running ${pluginId}: ${message}`, {
        nodeId,
        plugin: pluginId,
      });
  }
}

/**
 * What a call was doing when its sandbox process died: its own code was running (the suspect),
 * it had called host capabilities (which may have had effects), or it was only waiting (a
 * bystander, which the pool runs again once).
 */
export type CrashRole = 'suspect' | 'after-capabilities' | 'bystander';

/** A bystander's crash error: the pool runs the call again once instead of reporting it. */
export class SandboxBystanderCrash extends NodeError {}

/** The error for a call that was in flight in a sandbox process that died. */
export function sandboxCrashed(
  site: Omit<FailureSite, 'limits'>,
  reason: string,
  role: CrashRole = 'suspect',
): NodeError {
  const stopped = `the sandbox process running ${site.pluginId} stopped (${reason})`;
  const details = { nodeId: site.nodeId, plugin: site.pluginId };
  if (role === 'bystander')
    return new SandboxBystanderCrash(
      'sandbox-crashed',
      `${stopped} before this node had done anything, for the second time in a row; it was not run a third time`,
      details,
    );
  if (role === 'after-capabilities')
    return new NodeError(
      'sandbox-crashed',
      `${stopped} after this node had called host capabilities, which may have had effects, so it was not run again; it has been replaced, so a retry will run in a new one`,
      details,
    );
  return new NodeError(
    'sandbox-crashed',
    `${stopped} while this node's code was running; it has been replaced, so a retry will run in a new one`,
    details,
  );
}

function withDetails<E extends NodeError>(error: E, details: Record<string, unknown>): E {
  Object.assign(error.details, details);
  return error;
}
