/** The engine's public surface: run a workflow, resolve in-process plugins, share circuit breakers. */

export { applyInputs } from './apply-inputs.ts';
export {
  type BreakerPolicy,
  type BreakerState,
  CircuitBreakers,
  createCircuitBreakers,
} from './circuit-breaker.ts';
export { controlPlugins } from './control-plugins.ts';
export { createInProcessResolver, parseUses } from './in-process-resolver.ts';
export { runWorkflow } from './run-workflow.ts';
export type * from './types.ts';
