/**
 * Calls one arm (a model behind a provider plugin) with the same rules the sandbox enforces: the
 * provider may fetch only the arm's own host, read only the arm's named secret, and may not follow a
 * redirect elsewhere. Measures latency and prices the call.
 */
import type { LlmArm, LlmRequest, LlmResponse, NodeContext } from '../../../registry/sdk/plugin.ts';
import { isUrlAllowed } from '../../sandbox/permissions.ts';
import { ForbiddenError } from '../../workflow/errors.ts';
import { findStrategyPlugin, type StrategyPlugin } from './strategy-plugins.ts';

/** The provider used when an arm names none. */
export const DEFAULT_PROVIDER = 'provider/openai@^1';

/** What calling arms needs from the host. */
export interface ArmCallDeps {
  plugins: readonly StrategyPlugin[];
  fetch: typeof globalThis.fetch;
  /** Reads a tenant secret by name (the caller decides the tenant). */
  readSecret(name: string): Promise<string | undefined>;
}

/** One answered call. */
export interface ArmAnswer {
  response: LlmResponse;
  latencyMs: number;
  costUsd?: number;
}

/** A provider config setting's declared default, e.g. the OpenAI base URL. */
function providerDefault(plugin: StrategyPlugin, name: string): string | undefined {
  const properties = (plugin.manifest.config?.properties ?? {}) as Record<string, { default?: unknown }>;
  const value = properties[name]?.default;
  return typeof value === 'string' ? value : undefined;
}

/** `host:port` of a base URL, the only place the arm's provider may reach. */
function hostPattern(baseUrl: string | undefined): string[] {
  if (!baseUrl) return [];
  const url = new URL(baseUrl);
  return [`${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`];
}

/** The price of a call: the arm's per-1k-token price when set, else what the provider reported. */
export function priceOf(arm: LlmArm, response: LlmResponse): number | undefined {
  if (arm.costPer1kTokens === undefined) return response.costUsd;
  const tokens = response.usage.promptTokens + response.usage.completionTokens;
  return Math.round(((tokens * arm.costPer1kTokens) / 1000) * 1e9) / 1e9;
}

/** Calls `arm` with `request` (its `route` and `model` are replaced by the arm's); throws what the provider threw. */
export async function callArm(
  arm: LlmArm,
  request: LlmRequest,
  deps: ArmCallDeps,
  options: { timeoutMs: number; log: NodeContext['log'] },
): Promise<ArmAnswer> {
  const provider = findStrategyPlugin(
    deps.plugins,
    arm.provider ?? DEFAULT_PROVIDER,
    'provider',
    `arm '${arm.id}'`,
  );
  const baseUrl = arm.baseUrl ?? providerDefault(provider, 'baseUrl');
  const secretName = arm.apiKeySecret ?? providerDefault(provider, 'apiKeySecret');
  const hosts = hostPattern(baseUrl);
  const signal = AbortSignal.timeout(options.timeoutMs);
  const ctx: Pick<NodeContext, 'fetch' | 'secrets' | 'signal'> = {
    signal,
    async fetch(url, init = {}) {
      const target = new URL(url);
      if (!isUrlAllowed(target, hosts))
        throw new ForbiddenError(
          `arm '${arm.id}' may only reach ${hosts.join(', ') || 'no host'}, not '${target.host}'`,
        );
      const res = await deps.fetch(target, { ...init, signal, redirect: 'manual' });
      return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
    },
    secrets: {
      async get(name) {
        if (name !== secretName)
          throw new ForbiddenError(`arm '${arm.id}' may read secret '${secretName}' only, not '${name}'`);
        return deps.readSecret(name);
      },
    },
  };
  const config: Record<string, unknown> = { model: arm.model };
  if (arm.baseUrl !== undefined) config.baseUrl = arm.baseUrl;
  if (arm.apiKeySecret !== undefined) config.apiKeySecret = arm.apiKeySecret;
  const { route: _route, ...plain } = request;
  const started = performance.now();
  const response = await provider.complete({ ...plain, model: arm.model }, config, ctx);
  const latencyMs = Math.round(performance.now() - started);
  options.log(`arm '${arm.id}' (${arm.model}) answered in ${latencyMs} ms`);
  return { response, latencyMs, costUsd: priceOf(arm, response) };
}
