/**
 * The LLM capability of host runs (`ctx.llm`): the node's route names a router strategy and its
 * arms; the router chooses from what the tenant's router has learned, the arm is called (the
 * router's fallbacks after it when it fails or times out), a judge scores the answer when one is
 * configured, and every outcome is learned and logged before the answer goes back with the arm and
 * the router's explanation.
 */
import type { Kysely } from 'kysely';
import type {
  JudgePlugin,
  LlmArm,
  LlmRequest,
  LlmResponse,
  LogFn,
  RouteRequest,
  RouterArm,
} from '../../../registry/sdk/plugin.ts';
import type { Database } from '../../db/schema.ts';
import { FlowError, OperationalError, UserError } from '../../workflow/errors.ts';
import { type ArmAnswer, type ArmCallDeps, callArm } from './arm-call.ts';
import { checkLlmRoute, DEFAULT_ROUTER, ROUTER_KEY_PATTERN } from './llm-route.ts';
import { learnOutcomes, type RecordedOutcome, readRouter, stateFor } from './router-state-store.ts';
import { findStrategyPlugin, type StrategyPlugin } from './strategy-plugins.ts';

/** What the capability needs from the host. */
export interface RoutedLlmOptions {
  db: Kysely<Database>;
  /**
   * Routers, judges and providers the tenant may name: the built-ins, and its installed versions and
   * dev builds (sandboxed; see the plugin catalog's strategyPlugins).
   */
  plugins: (tenantId: string) => Promise<readonly StrategyPlugin[]>;
  /** Reads a secret of the given tenant. */
  readSecret(tenantId: string, name: string): Promise<string | undefined>;
  fetch?: typeof globalThis.fetch;
  /** The random source routers sample with (tests pass a seeded one). */
  random?: () => number;
  /** Per-arm time limit when the route sets none. */
  timeoutMs?: number;
  log?: LogFn;
}

/** The node a call comes from. */
export interface LlmCallSite {
  tenantId: string;
  runId: string;
  workflowId: string;
  nodeId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The router key of a node that names none: `workflow:node`. */
export function nodeRouterKey(workflowId: string, nodeId: string): string {
  const key = `${workflowId}:${nodeId}`;
  if (!new RegExp(ROUTER_KEY_PATTERN).test(key))
    throw new UserError(
      'invalid-llm-route',
      `router key '${key.slice(0, 80)}…' is too long; name the router with 'key'`,
    );
  return key;
}

function describeError(error: unknown): string {
  const code = error instanceof FlowError ? error.code : 'error';
  return `${code}: ${error instanceof Error ? error.message : String(error)}`;
}

/** A routed `ctx.llm` for one node of one run. */
export function createRoutedLlm(options: RoutedLlmOptions, site: LlmCallSite) {
  const log = options.log ?? (() => {});
  const random = options.random ?? Math.random;
  return async function routedLlm(request: LlmRequest): Promise<LlmResponse> {
    const where = `LLM call of node '${site.nodeId}'`;
    const route = checkLlmRoute(request.route, where);
    const plugins = await options.plugins(site.tenantId);
    const router = findStrategyPlugin(plugins, route.router ?? DEFAULT_ROUTER, 'router', where);
    const judge = route.judge && findStrategyPlugin(plugins, route.judge.uses, 'judge', where);
    const key = route.key ?? nodeRouterKey(site.workflowId, site.nodeId);
    const config = route.config ?? {};
    const timeoutMs = route.timeoutMs ?? options.timeoutMs ?? 60_000;
    const deps: ArmCallDeps = {
      plugins,
      fetch: options.fetch ?? globalThis.fetch,
      readSecret: (name) => options.readSecret(site.tenantId, name),
    };
    const arms = new Map(route.arms.map((a) => [a.id, a]));
    const routerArms: RouterArm[] = route.arms.map(({ id, costPer1kTokens, quality }) => ({
      id,
      ...(costPer1kTokens === undefined ? {} : { costPer1kTokens }),
      ...(quality === undefined ? {} : { quality }),
    }));
    const features: RouteRequest['features'] = route.features ?? {
      length: request.messages.reduce((n, m) => n + (m.role === 'user' ? m.content.length : 0), 0),
    };

    const stored = await readRouter(options.db, site.tenantId, key);
    // A sandboxed router answers with a promise and samples with the isolate's own random source.
    const choice = await router.choose(
      { arms: routerArms, features },
      stateFor(stored, router.manifest.id),
      config,
      random,
    );
    if (!arms.has(choice.arm))
      throw new FlowError('router-bug', `${router.manifest.id} chose '${choice.arm}', which is not an arm`);
    const order = [...new Set([choice.arm, ...(choice.fallbacks ?? [])])].filter((id) => arms.has(id));
    const common = {
      features,
      source: 'run' as const,
      nodeId: site.nodeId,
      ...(UUID.test(site.runId) ? { runId: site.runId } : {}),
    };
    const outcomes: RecordedOutcome[] = [];
    const failures: string[] = [];
    let answered: { arm: LlmArm; answer: ArmAnswer } | undefined;
    let lastError: unknown;
    for (const id of order) {
      const arm = arms.get(id)!;
      const started = performance.now();
      try {
        answered = { arm, answer: await callArm(arm, request, deps, { timeoutMs, log }) };
        break;
      } catch (error) {
        lastError = error;
        const latencyMs = Math.round(performance.now() - started);
        outcomes.push({ arm: id, success: false, latencyMs, ...common });
        failures.push(`'${id}' failed (${describeError(error)})`);
      }
    }

    let explanation = choice.explanation;
    if (failures.length > 0) explanation += `; ${failures.join('; ')}`;
    if (answered && failures.length > 0) explanation += `; answered by '${answered.arm.id}'`;
    if (answered) {
      const { arm, answer } = answered;
      let score: number | undefined;
      if (judge && route.judge) {
        try {
          const verdict = await runJudge(judge, route.judge, request, answer, arms, deps, timeoutMs, log);
          score = verdict.score;
          explanation += `; ${judge.manifest.id} scored the answer ${score.toFixed(2)} (${verdict.reasoning})`;
        } catch (error) {
          // The failed arms are still worth learning from; the answer itself is not, unscored.
          await learnOutcomes(options.db, site.tenantId, { key, router, config, arms: routerArms, outcomes });
          throw new UserError(
            'judge-failed',
            `${where}: ${judge.manifest.id} could not score the answer: ${describeError(error)}`,
            { key },
            422,
          );
        }
      }
      outcomes.push({
        arm: arm.id,
        success: true,
        ...(score === undefined ? {} : { score }),
        ...(answer.costUsd === undefined ? {} : { costUsd: answer.costUsd }),
        latencyMs: answer.latencyMs,
        ...common,
      });
    }
    await learnOutcomes(options.db, site.tenantId, {
      key,
      router,
      config,
      arms: routerArms,
      outcomes,
      choice: { arm: answered?.arm.id ?? choice.arm, explanation },
    });
    if (!answered)
      throw new OperationalError(
        'llm-all-arms-failed',
        `${where}: every model failed: ${failures.join('; ')}`,
        { key },
        { cause: lastError },
      );
    const { response, costUsd } = answered.answer;
    return { ...response, ...(costUsd === undefined ? {} : { costUsd }), arm: answered.arm.id, explanation };
  };
}

/** Scores an answer; a judge that needs a model gets the arm named by `judge.arm`, unrouted. */
async function runJudge(
  judge: JudgePlugin,
  spec: NonNullable<LlmRequest['route']>['judge'] & {},
  request: LlmRequest,
  answer: ArmAnswer,
  arms: Map<string, LlmArm>,
  deps: ArmCallDeps,
  timeoutMs: number,
  log: LogFn,
) {
  const judgeArm = spec.arm ? arms.get(spec.arm) : undefined;
  const llm = judgeArm
    ? async (req: LlmRequest): Promise<LlmResponse> => {
        const a = await callArm(judgeArm, req, deps, { timeoutMs, log });
        return { ...a.response, ...(a.costUsd === undefined ? {} : { costUsd: a.costUsd }) };
      }
    : undefined;
  const input = [...request.messages].reverse().find((m) => m.role === 'user')?.content;
  const verdict = await judge.judge(
    { output: answer.response.content, expected: spec.expected, input },
    spec.config ?? {},
    { llm, signal: AbortSignal.timeout(timeoutMs), log },
  );
  const score = Math.min(1, Math.max(0, Number.isFinite(verdict.score) ? verdict.score : 0));
  return { ...verdict, score };
}
