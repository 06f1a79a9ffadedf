/**
 * Checks what a sandboxed router, judge or provider answered before the host uses it: the value is
 * untrusted JSON, so a wrong shape fails the call with an error that names the plugin and says what
 * was expected, and only the expected fields are passed on.
 */
import type { LlmResponse, RouterPlugin, RouterState, Verdict } from '../../registry/sdk/plugin.ts';
import { NodeError } from '../workflow/errors.ts';

/** What a router's choose answers. */
export type RouterChoice = ReturnType<RouterPlugin['choose']>;

const MAX_TEXT = 4_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function bad(kind: 'router' | 'judge' | 'provider', plugin: string, what: string, value: unknown): never {
  const got = JSON.stringify(value)?.slice(0, 200) ?? String(value);
  throw new NodeError(`${kind}-bug`, `${plugin} ${what}, but returned ${got}`, { nodeId: plugin, plugin });
}

/** A router's choice: `{ arm, explanation, fallbacks? }` with strings only. */
export function checkChoice(plugin: string, value: unknown): RouterChoice {
  const fallbacks = isRecord(value) ? value.fallbacks : undefined;
  if (
    !isRecord(value) ||
    typeof value.arm !== 'string' ||
    typeof value.explanation !== 'string' ||
    (fallbacks !== undefined && !(Array.isArray(fallbacks) && fallbacks.every((f) => typeof f === 'string')))
  )
    bad('router', plugin, 'must choose { arm, explanation, fallbacks? } (strings)', value);
  return {
    arm: value.arm,
    explanation: value.explanation.slice(0, MAX_TEXT),
    ...(fallbacks === undefined ? {} : { fallbacks: fallbacks as string[] }),
  };
}

/** A router's learned state: a JSON object. */
export function checkState(plugin: string, value: unknown): RouterState {
  if (!isRecord(value)) bad('router', plugin, 'must learn a state object', value);
  return value;
}

/** A judge's verdict: `{ score, pass, reasoning }`. */
export function checkVerdict(plugin: string, value: unknown): Verdict {
  if (
    !isRecord(value) ||
    typeof value.score !== 'number' ||
    typeof value.pass !== 'boolean' ||
    typeof value.reasoning !== 'string'
  )
    bad('judge', plugin, 'must return { score: number, pass: boolean, reasoning: string }', value);
  return { score: value.score, pass: value.pass, reasoning: value.reasoning.slice(0, MAX_TEXT) };
}

/** A provider's answer: `{ content, model, usage: { promptTokens, completionTokens }, costUsd? }`. */
export function checkResponse(plugin: string, value: unknown): LlmResponse {
  const usage = isRecord(value) ? value.usage : undefined;
  const count = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n >= 0;
  if (
    !isRecord(value) ||
    typeof value.content !== 'string' ||
    typeof value.model !== 'string' ||
    !isRecord(usage) ||
    !count(usage.promptTokens) ||
    !count(usage.completionTokens) ||
    (value.costUsd !== undefined && !count(value.costUsd))
  )
    bad(
      'provider',
      plugin,
      'must return { content, model, usage: { promptTokens, completionTokens }, costUsd? }',
      value,
    );
  return {
    content: value.content,
    model: value.model,
    usage: { promptTokens: usage.promptTokens as number, completionTokens: usage.completionTokens as number },
    ...(value.costUsd === undefined ? {} : { costUsd: value.costUsd as number }),
  };
}
