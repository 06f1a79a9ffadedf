import { describe, expect, it } from 'vitest';
import type { JudgeInput, Verdict } from '../../registry/sdk/plugin.ts';
import jsonSchema from './index.ts';

const ctx = { signal: new AbortController().signal, log: () => {} };
// This judge answers synchronously; the contract allows a promise, so say which it is once.
const judgeNow = (input: JudgeInput, config: Record<string, unknown>) =>
  jsonSchema.judge(input, config, ctx) as Verdict;
const schema = {
  type: 'object',
  required: ['name', 'age'],
  properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 } },
};

describe('judge/json-schema', () => {
  it('accepts JSON text inside the code fences models like to add', () => {
    const v = judgeNow({ output: '```json\n{"name":"Ada","age":36}\n```' }, { schema });
    expect(v).toMatchObject({ score: 1, pass: true });
  });

  it('lists every field that breaks the schema, with its path', () => {
    const v = judgeNow({ output: { name: 7, age: -1 } }, { schema });
    expect(v.pass).toBe(false);
    expect(v.reasoning).toBe('output does not satisfy the schema: /name must be string; /age must be >= 0');
  });

  it('fails text that is not JSON, quoting it', () => {
    const v = judgeNow({ output: 'Sure! Here is the JSON: {name: Ada}' }, { schema });
    expect(v.score).toBe(0);
    expect(v.reasoning).toMatch(/^output is not JSON \(.*\): "Sure! Here is the JSON/);
  });

  it('takes the schema from the test case when none is configured', () => {
    expect(judgeNow({ output: '[1,2]', expected: { type: 'array', maxItems: 1 } }, {}).pass).toBe(false);
  });

  it('reports an invalid schema as a configuration problem', () => {
    expect(() => judgeNow({ output: '{}' }, { schema: { type: 'frobnicate' } })).toThrow(
      /the schema is not a valid JSON Schema/,
    );
  });
});
