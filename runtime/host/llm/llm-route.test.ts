import { describe, expect, it } from 'vitest';
import { checkLlmRoute } from './llm-route.ts';

const arms = [
  { id: 'a', model: 'model-a' },
  { id: 'b', model: 'model-b', baseUrl: 'http://127.0.0.1:8080/v1', quality: 0.7 },
];

describe('checking a route', () => {
  it('accepts arms with a judge and strategy settings', () => {
    const route = {
      arms,
      router: 'router/ucb1@^1',
      config: { c: 1 },
      judge: { uses: 'judge/llm@^1', arm: 'b' },
    };
    expect(checkLlmRoute(route, 'node x')).toBe(route);
  });

  it('says what is wrong, naming the node', () => {
    expect(() => checkLlmRoute(undefined, 'node x')).toThrow(
      "node x: no models to route between; list them under 'arms'",
    );
    expect(() => checkLlmRoute({ arms: [] }, 'node x')).toThrow(
      'node x: route/arms: must NOT have fewer than 1 items',
    );
    expect(() => checkLlmRoute({ arms: [{ id: 'a' }] }, 'node x')).toThrow("missing required field 'model'");
    expect(() =>
      checkLlmRoute({ arms: [{ id: 'a', model: 'm', baseUrl: 'file:///etc/passwd' }] }, 'node x'),
    ).toThrow('route/arms/0/baseUrl: must match pattern');
    expect(() => checkLlmRoute({ arms: [...arms, arms[0]] }, 'node x')).toThrow("arm id 'a' is listed twice");
    expect(() => checkLlmRoute({ arms, judge: { uses: 'judge/llm@^1', arm: 'c' } }, 'node x')).toThrow(
      "judge.arm 'c' is not one of the arms (a, b)",
    );
  });
});
