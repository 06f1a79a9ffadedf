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

/** The error for calls that were running in a sandbox process that died. */
export function sandboxCrashed(site: Omit<FailureSite, 'limits'>, reason: string): Error {
  return new NodeError(
    'sandbox-crashed',
    `the sandbox process running ${site.pluginId} stopped (${reason}); it has been replaced, so a retry will run in a new one`,
    { nodeId: site.nodeId, plugin: site.pluginId },
  );
}

function withDetails<E extends NodeError>(error: E, details: Record<string, unknown>): E {
  Object.assign(error.details, details);
  return error;
}
