/**
 * Router, judge and provider plugins whose code runs in the sandbox pool, as objects shaped like the
 * contract's RouterPlugin, JudgePlugin and ProviderPlugin, except that every method returns a
 * promise (a router's choose and learn too). Each call names its method (prelude.ts accepts only the
 * methods of the manifest's kind), and its answer is checked here before the host uses it.
 */
import type {
  JudgeInput,
  JudgePlugin,
  LlmRequest,
  LlmResponse,
  LogFn,
  NodeContext,
  PluginManifest,
  ProviderPlugin,
  RouteOutcome,
  RouteRequest,
  RouterState,
  Verdict,
} from '../../registry/sdk/plugin.ts';
import { CancelledError, FlowError, OperationalError } from '../workflow/errors.ts';
import type { SandboxLimits } from './limits.ts';
import type { SandboxPool } from './sandbox-pool.ts';
import { moduleSha256 } from './sandboxed-plugin.ts';
import {
  checkChoice,
  checkResponse,
  checkState,
  checkVerdict,
  type RouterChoice,
} from './sandboxed-strategy-answers.ts';

export type { RouterChoice };

/** A router in the sandbox. `random` is ignored: the isolate samples with its own Math.random. */
export interface SandboxedRouter {
  manifest: PluginManifest & { kind: 'router' };
  choose(
    request: RouteRequest,
    state: RouterState,
    config: Record<string, unknown>,
    random?: () => number,
  ): Promise<RouterChoice>;
  learn(outcome: RouteOutcome, state: RouterState, config: Record<string, unknown>): Promise<RouterState>;
}

/** A judge in the sandbox; `ctx.llm` reaches the host through the capability bridge when permitted. */
export type SandboxedJudge = JudgePlugin;

/** A provider in the sandbox; `ctx.fetch` and `ctx.secrets` are checked against its manifest too. */
export type SandboxedProvider = ProviderPlugin;

/** Any strategy plugin in the sandbox. */
export type SandboxedStrategy = SandboxedRouter | SandboxedJudge | SandboxedProvider;

/** A published strategy plugin version: its manifest and its bundled module (or how to read it). */
export interface SandboxedStrategySource {
  manifest: PluginManifest;
  /**
   * The bundled module, or a loader of it and its sha256 called on first use (so only the version a
   * call picks is read, and a caller that keeps modules hashes each one once).
   */
  source: string | (() => Promise<ModuleCode>);
}

/** A bundled module and its sha256 (hex), the key of its isolates. */
export interface ModuleCode {
  source: string;
  sha256: string;
}

/** Whose calls these are: isolates are per tenant, and log lines go to `log`. */
export interface StrategyScope {
  tenantId: string;
  log?: LogFn;
  /** Tightens the tenant's limits for these calls. */
  limits?: Partial<SandboxLimits>;
}

const STRATEGY_KINDS = new Set(['router', 'judge', 'provider']);

/** Wraps a router, judge or provider version so its methods run in `pool` for one tenant. */
export function createSandboxedStrategy(
  plugin: SandboxedStrategySource,
  pool: SandboxPool,
  scope: StrategyScope,
): SandboxedStrategy {
  const { manifest } = plugin;
  if (!STRATEGY_KINDS.has(manifest.kind))
    throw new FlowError(
      'not-a-strategy',
      `${manifest.id} is a ${manifest.kind} plugin, not a router, judge or provider`,
    );
  const id = `${manifest.id}@${manifest.version}`;
  const given = plugin.source;
  let code: Promise<ModuleCode> | undefined;
  // A failed read (the database was away) is tried again on the next call.
  const loadCode = () =>
    (code ??= (
      typeof given === 'string' ? Promise.resolve({ source: given, sha256: moduleSha256(given) }) : given()
    ).catch((error: unknown) => {
      code = undefined;
      throw error;
    }));
  const noLog: LogFn = () => {};

  async function call(method: string, args: unknown[], extra: Partial<NodeContext> = {}): Promise<unknown> {
    const { source, sha256 } = await loadCode();
    const ctx: NodeContext = {
      runId: '',
      nodeId: id,
      tenantId: scope.tenantId,
      idempotencyKey: '',
      attempt: 1,
      signal: extra.signal ?? new AbortController().signal,
      log: extra.log ?? scope.log ?? noLog,
      ...(extra.llm ? { llm: extra.llm } : {}),
      ...(extra.fetch ? { fetch: extra.fetch } : {}),
      ...(extra.secrets ? { secrets: extra.secrets } : {}),
    };
    const config = { kind: manifest.kind, method, args };
    try {
      return await pool.run({ manifest, sha256, source, config, ctx, limits: scope.limits });
    } catch (error) {
      // The caller's time limit (a judge's or a provider's signal) ended the call: say so, not "cancelled".
      if (error instanceof CancelledError && extra.signal?.aborted && isTimeout(extra.signal.reason))
        throw new OperationalError('timeout', `${id} gave no answer within the call's time limit`, {
          plugin: manifest.id,
        });
      throw error;
    }
  }

  if (manifest.kind === 'router') {
    const router: SandboxedRouter = {
      manifest: manifest as SandboxedRouter['manifest'],
      async choose(request, state, config) {
        return checkChoice(id, await call('choose', [request, state, config]));
      },
      async learn(outcome, state, config) {
        return checkState(id, await call('learn', [outcome, state, config]));
      },
    };
    return router;
  }
  if (manifest.kind === 'judge') {
    const judge: SandboxedJudge = {
      manifest: manifest as SandboxedJudge['manifest'],
      async judge(input: JudgeInput, config, ctx): Promise<Verdict> {
        return checkVerdict(id, await call('judge', [input, config], ctx));
      },
    };
    return judge;
  }
  const provider: SandboxedProvider = {
    manifest: manifest as SandboxedProvider['manifest'],
    async complete(request: LlmRequest, config, ctx): Promise<LlmResponse> {
      return checkResponse(id, await call('complete', [request, config], ctx));
    },
  };
  return provider;
}

function isTimeout(reason: unknown): boolean {
  return reason instanceof Error && reason.name === 'TimeoutError';
}
