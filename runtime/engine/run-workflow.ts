/**
 * Starts a run: returns at once with a handle whose events stream live and whose result settles
 * (never rejects) when the run completes, fails or is cancelled.
 */
import type { ResolvedPlugin } from '../../registry/sdk/plugin.ts';
import { CancelledError, FlowError } from '../workflow/errors.ts';
import type { Workflow } from '../workflow/types.ts';
import { sleep as abortableSleep } from './abort.ts';
import { applyInputs } from './apply-inputs.ts';
import { CircuitBreakers } from './circuit-breaker.ts';
import { controlPlugins } from './control-plugins.ts';
import { createInProcessResolver } from './in-process-resolver.ts';
import { nodesById, type RunState } from './run-state.ts';
import { Trace } from './trace.ts';
import type { RunHandle, RunOptions, RunRecord, RunStatus } from './types.ts';
import { runFrame } from './walk-chain.ts';

const resolveControl = createInProcessResolver(controlPlugins);

function createState(runId: string, options: RunOptions, trace: Trace, signal: AbortSignal): RunState {
  const plugins = new Map<string, Promise<ResolvedPlugin>>();
  const workflows = new Map<string, Promise<Workflow>>();
  const limits = options.limits ?? {};
  const resolveOnce = async (uses: string): Promise<ResolvedPlugin> => {
    let plugin: ResolvedPlugin;
    try {
      plugin = await options.resolvePlugin(uses);
    } catch (error) {
      // The control constructs are part of the engine: a resolver that does not list them still works.
      if (!(error instanceof FlowError && error.code === 'plugin-not-found')) throw error;
      try {
        plugin = resolveControl(uses) as ResolvedPlugin;
      } catch {
        throw error;
      }
    }
    trace.recordPlugin(uses, {
      id: plugin.manifest.id,
      version: plugin.manifest.version,
      sha256: plugin.sha256,
    });
    return plugin;
  };
  return {
    runId,
    tenantId: options.tenantId ?? 'default',
    options,
    trace,
    signal,
    expressionLimits: { maxSteps: limits.expressionSteps, maxDepth: limits.expressionDepth },
    maxOutputBytes: limits.maxOutputBytes ?? 1_048_576,
    maxSubworkflowDepth: limits.maxSubworkflowDepth ?? 10,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? abortableSleep,
    breakers:
      options.circuitBreakers instanceof CircuitBreakers ? options.circuitBreakers : new CircuitBreakers(),
    resolve(uses) {
      let plugin = plugins.get(uses);
      if (!plugin) {
        plugin = resolveOnce(uses);
        plugins.set(uses, plugin);
      }
      return plugin;
    },
    loadWorkflow(ref, from) {
      const key = `${from.id}\u0000${ref}`;
      let workflow = workflows.get(key);
      if (!workflow) {
        workflow = options.loadWorkflow(ref, from);
        workflows.set(key, workflow);
      }
      return workflow;
    },
    executions: 0,
  };
}

async function execute(workflow: Workflow, input: unknown, state: RunState): Promise<RunRecord> {
  const { trace } = state;
  const startedAt = Date.now();
  const t0 = performance.now();
  trace.emit({ type: 'run.started', workflowId: workflow.id, input });
  let status: RunStatus;
  let output: unknown;
  let error: RunRecord['error'];
  let runInput = input;
  try {
    const inputs = applyInputs(workflow, input);
    runInput = inputs;
    const frame = {
      workflow,
      nodesById: nodesById(workflow),
      inputs,
      vars: {},
      nodes: {},
      depth: 0,
      recordPrefix: '',
      callPath: '',
    };
    output = await runFrame(state, frame, undefined, state.signal);
    status = 'completed';
    trace.emit({
      type: 'run.completed',
      workflowId: workflow.id,
      output,
      durationMs: performance.now() - t0,
    });
  } catch (thrown) {
    if (state.signal.aborted) {
      status = 'cancelled';
      const reason = state.signal.reason;
      error = { code: 'cancelled', message: reason instanceof Error ? reason.message : 'cancelled' };
      trace.emit({
        type: 'run.cancelled',
        workflowId: workflow.id,
        error,
        durationMs: performance.now() - t0,
      });
    } else {
      status = 'failed';
      const code = thrown instanceof FlowError ? thrown.code : 'internal';
      const message = thrown instanceof Error ? thrown.message : String(thrown);
      const nodeId =
        thrown instanceof FlowError && typeof thrown.details.nodeId === 'string'
          ? thrown.details.nodeId
          : undefined;
      error = nodeId === undefined ? { code, message } : { code, message, nodeId };
      trace.emit({
        type: 'run.failed',
        workflowId: workflow.id,
        error: { code, message },
        durationMs: performance.now() - t0,
      });
    }
  }
  return {
    runId: state.runId,
    workflowId: workflow.id,
    status,
    input: runInput,
    output,
    error,
    startedAt,
    finishedAt: Date.now(),
    nodes: trace.nodes,
    events: trace.stream.events,
    plugins: trace.plugins,
  };
}

/** Runs `workflow` with `input`. The run starts immediately; cancel it with `handle.cancel()` or `options.signal`. */
export function runWorkflow(workflow: Workflow, input: unknown, options: RunOptions): RunHandle {
  const runId = options.runId ?? crypto.randomUUID();
  const controller = new AbortController();
  const cancel = (reason?: string) => {
    if (!controller.signal.aborted) controller.abort(new CancelledError(reason ?? 'the run was cancelled'));
  };
  const onOuterAbort = () => {
    const reason = options.signal?.reason;
    cancel(reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : undefined);
  };
  if (options.signal?.aborted) onOuterAbort();
  else options.signal?.addEventListener('abort', onOuterAbort, { once: true });

  const trace = new Trace(runId);
  const state = createState(runId, options, trace, controller.signal);
  const result = execute(workflow, input, state)
    .catch((bug: unknown): RunRecord => {
      // execute() handles every failure it knows; reaching here is an engine bug, still reported as a failed run.
      const error = { code: 'internal', message: bug instanceof Error ? bug.message : String(bug) };
      trace.emit({ type: 'run.failed', workflowId: workflow.id, error });
      return {
        runId,
        workflowId: workflow.id,
        status: 'failed',
        input,
        error,
        startedAt: Date.now(),
        finishedAt: Date.now(),
        nodes: trace.nodes,
        events: trace.stream.events,
        plugins: trace.plugins,
      };
    })
    .finally(() => {
      options.signal?.removeEventListener('abort', onOuterAbort);
      trace.end();
    });
  return { runId, events: trace.stream, result, cancel };
}
