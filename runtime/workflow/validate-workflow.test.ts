import { describe, expect, it } from 'vitest';
import type { PluginManifest } from '../../registry/sdk/plugin.ts';
import { UserError } from './errors.ts';
import { parseWorkflow } from './parse-workflow.ts';
import { type ValidateOptions, validateWorkflow } from './validate-workflow.ts';

const validate = (text: string, options?: ValidateOptions) => {
  const parsed = parseWorkflow(text, 'w.yaml');
  return validateWorkflow(parsed, options);
};
const summary = (text: string, options?: ValidateOptions) =>
  validate(text, options).map((p) => `${p.severity} ${p.code} ${p.line}:${p.column} ${p.message}`);

const manifest = (id: string, config?: Record<string, unknown>): PluginManifest => ({
  id,
  version: '1.2.0',
  kind: 'node',
  title: id,
  description: id,
  config,
});

describe('validateWorkflow', () => {
  it('accepts a well-formed workflow', () => {
    const text = `id: ok
nodes:
  - id: loop
    uses: core/loop
    body: step
    onError: { fallback: sorry }
    next: done
  - id: step
    uses: core/set
  - id: sorry
    uses: core/end
  - id: done
    uses: core/end
`;
    expect(validate(text)).toEqual([]);
  });

  it('reports a duplicate id at the repeat, naming the first line', () => {
    const text = 'id: x\nnodes:\n  - id: a\n    uses: core/end\n  - id: a\n    uses: core/end\n';
    expect(summary(text)).toEqual([
      "error duplicate-id 5:9 duplicate node id 'a' (first used at line 3); node ids must be unique",
    ]);
  });

  it('reports every unknown target with a suggestion, at the offending value', () => {
    const text = `id: x
start: begin
nodes:
  - id: classify
    uses: core/intent
    next:
      - on: refund
        to: refnd
      - default: human
    onError: { fallback: oops }
  - id: refund
    uses: core/parallel
    branches: [notify, ledger]
  - id: notify
    uses: core/set
layout:
  ghost: { x: 1, y: 2 }
`;
    expect(summary(text)).toEqual([
      "error unknown-target 8:13 node 'classify': next goes to unknown node 'refnd' (did you mean 'refund'?)",
      "error unknown-target 9:18 node 'classify': next goes to unknown node 'human'",
      "error unknown-target 10:26 node 'classify': fallback goes to unknown node 'oops'",
      "error unknown-target 13:24 node 'refund': branches goes to unknown node 'ledger'",
      "error unknown-target 2:8 start is unknown node 'begin'",
      "warning unknown-target 17:3 layout has a position for unknown node 'ghost'; it is ignored",
      // The typo 'refnd' cuts 'refund' (and what follows it) off from the start.
      "warning unreachable 11:9 node 'refund' can never run: no edge from the start node 'classify' leads to it",
      "warning unreachable 14:9 node 'notify' can never run: no edge from the start node 'classify' leads to it",
    ]);
  });

  it('warns about nodes no edge reaches', () => {
    const text = 'id: x\nnodes:\n  - id: a\n    uses: core/end\n  - id: island\n    uses: core/end\n';
    expect(summary(text)).toEqual([
      "warning unreachable 5:9 node 'island' can never run: no edge from the start node 'a' leads to it",
    ]);
  });

  it('reports a cycle through next edges, naming its nodes in order', () => {
    const text = `id: x
nodes:
  - id: a
    uses: core/set
    next: b
  - id: b
    uses: core/set
    next: c
  - id: c
    uses: core/intent
    next:
      - on: again
        to: b
      - default: done
  - id: done
    uses: core/end
`;
    expect(summary(text)).toEqual([
      'error cycle 13:13 next edges form a cycle: b → c → b; repeat steps with a core/loop node and its body instead',
    ]);
  });

  it('reports a node that goes to itself', () => {
    expect(summary('id: x\nnodes:\n  - id: a\n    uses: core/set\n    next: a\n')).toEqual([
      'error cycle 5:11 next edges form a cycle: a → a; repeat steps with a core/loop node and its body instead',
    ]);
  });

  it('does not call a loop body that returns to its loop node a cycle', () => {
    const text =
      'id: x\nnodes:\n  - id: loop\n    uses: core/loop\n    body: step\n  - id: step\n    uses: core/set\n';
    expect(validate(text)).toEqual([]);
  });

  it('requires the default branch last and a condition on other branches', () => {
    const text = `id: x
nodes:
  - id: a
    uses: core/set
    next:
      - default: b
      - to: c
  - id: b
    uses: core/end
  - id: c
    uses: core/end
`;
    expect(summary(text)).toEqual([
      "error branch-order 6:9 node 'a': the default branch must be the last one; branches after it never run",
      "error missing-condition 7:9 node 'a': branch 2 has neither 'when' nor 'on'; add a condition, or write it as 'default: c'",
    ]);
  });

  it('checks sub-workflow references with workflowExists', () => {
    const text = `id: x
nodes:
  - id: call
    uses: core/workflow@^1
    with: { workflow: billing }
    next: dynamic
  - id: dynamic
    uses: core/workflow
    with: { workflow: "{{ inputs.flow }}" }
    next: bare
  - id: bare
    uses: core/workflow
`;
    expect(summary(text, { workflowExists: (ref) => ref === 'support' })).toEqual([
      "error unknown-workflow 5:23 node 'call' calls workflow 'billing', which does not exist",
      "error config 11:5 node 'bare': core/workflow needs 'with.workflow', the id or path of the workflow to call",
    ]);
  });

  it('reports plugins that cannot be resolved and config that breaks the manifest schema', () => {
    const http = manifest('core/http-request', {
      type: 'object',
      required: ['url'],
      properties: {
        url: { type: 'string', format: 'uri' },
        method: { enum: ['GET', 'POST'] },
        timeoutMs: { type: 'integer' },
      },
      additionalProperties: false,
    });
    const text = `id: x
nodes:
  - id: fetch
    uses: core/http-request@^1
    with:
      method: PUT
      timeoutMs: "{{ inputs.wait }}"
      header: x
    next: send
  - id: send
    uses: core/email@^2
    next: post
  - id: post
    uses: core/http-request
    with: { url: "{{ inputs.url }}" }
`;
    const manifestFor = (uses: string) => (uses.startsWith('core/http-request') ? http : undefined);
    expect(summary(text, { manifestFor })).toEqual([
      "error config 6:7 /nodes/0/with: missing required property 'url' (settings of core/http-request@^1)",
      "error config 8:7 /nodes/0/with/header: unknown property 'header'; expected one of: url, method, timeoutMs (settings of core/http-request@^1)",
      `error config 6:15 /nodes/0/with/method: expected "GET" or "POST", got string 'PUT' (settings of core/http-request@^1)`,
      "error unresolved-plugin 11:11 node 'send': plugin 'core/email@^2' cannot be resolved: no installed version of 'core/email' matches '^2'",
    ]);
  });

  it("reports a reference the plugin lookup refuses as that node's problem", () => {
    const text =
      'id: x\nnodes:\n  - id: a\n    uses: core/set@banana\n    next: b\n  - id: b\n    uses: core/set\n';
    const manifestFor = (uses: string) => {
      if (uses.includes('banana')) throw new UserError('invalid-uses', "'banana' is not a semver range");
      return manifest('core/set');
    };
    expect(summary(text, { manifestFor })).toEqual([
      "error unresolved-plugin 4:11 node 'a': plugin 'core/set@banana' cannot be resolved: 'banana' is not a semver range",
    ]);
    const crash = () => {
      throw new TypeError('bug in the lookup');
    };
    expect(() => validate(text, { manifestFor: crash })).toThrow('bug in the lookup');
  });

  it('reports graph problems even when the file also breaks the schema', () => {
    const text = 'id: x\nnodes:\n  - id: a\n    uses: core/set\n    retry: { max: "x" }\n    next: b\n';
    const parsed = parseWorkflow(text, 'w.yaml');
    expect(parsed.problems.map((p) => p.code)).toEqual(['schema']);
    expect(validateWorkflow(parsed).map((p) => p.code)).toEqual(['unknown-target']);
  });

  it('shows an object where an id belongs instead of failing on it', () => {
    const text = JSON.stringify({ id: 'x', start: { toString: '' }, nodes: [{ id: 'a', uses: 'core/set' }] });
    expect(validate(text).map((p) => p.message)).toEqual([`start is unknown node '{"toString":""}'`]);
  });

  it('handles a 1000-node chain with many problems in one pass', () => {
    const lines = ['id: big', 'nodes:'];
    for (let i = 0; i < 1000; i++) {
      lines.push(
        `  - id: n${i}`,
        '    uses: core/set',
        `    next: ${i === 999 ? 'n500' : i % 100 === 99 && i < 500 ? `missing${i}` : `n${i + 1}`}`,
      );
    }
    const problems = validate(`${lines.join('\n')}\n`);
    expect(problems.filter((p) => p.code === 'unknown-target')).toHaveLength(5);
    expect(problems.filter((p) => p.code === 'unreachable')).toHaveLength(900);
    const cycle = problems.find((p) => p.code === 'cycle');
    expect(cycle?.message).toMatch(/^next edges form a cycle: n500 → n501 → .* → n999 → n500;/);
  });
});
