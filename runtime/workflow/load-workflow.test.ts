import { describe, expect, it } from 'vitest';
import { createWorkflowLoader, resolveRelative } from './load-workflow.ts';
import type { Workflow } from './types.ts';

const BASE = `id: customer-support
name: Customer support
nodes:
  - id: classify
    uses: core/intent@^1
    with: { threshold: 0.5, labels: [refund, smalltalk] }
    next:
      - on: refund
        to: refund
      - on: smalltalk
        to: smalltalk
      - default: answer
  - id: refund
    uses: core/set
    next: answer
  - id: smalltalk
    uses: core/set
    next: answer
  - id: answer
    uses: core/end
layout:
  classify: { x: 0, y: 0 }
  smalltalk: { x: 100, y: 0 }
`;

function loaderFor(files: Record<string, string>) {
  return createWorkflowLoader({
    readFile: async (path) => {
      const text = files[path];
      if (text === undefined) throw new Error('no such file');
      return text;
    },
  });
}

const edges = (wf: Workflow | undefined) =>
  Object.fromEntries(
    (wf?.nodes ?? []).map((n) => [
      n.id,
      typeof n.next === 'string' || n.next === undefined
        ? n.next
        : n.next.map((b) => ('default' in b ? `*${b.default}` : `${b.on}:${b.to}`)).join(' '),
    ]),
  );

describe('createWorkflowLoader', () => {
  it('loads a plain workflow by ref and lists the files it read', async () => {
    const loaded = await loaderFor({ 'flows/customer-support.yaml': BASE }).load('flows/customer-support');
    expect(loaded.problems).toEqual([]);
    expect(loaded.files).toEqual(['flows/customer-support.yaml']);
    expect(loaded.workflow?.nodes).toHaveLength(4);
  });

  it('extends a base: same-id nodes replace in place, new ones are added, fields merge', async () => {
    const child = `id: acme-support
extends: customer-support
name: ACME support
nodes:
  - id: answer
    uses: core/llm@^1
    next: survey
  - id: survey
    uses: core/end
layout:
  survey: { x: 0, y: 300 }
`;
    const loaded = await loaderFor({ 'flows/customer-support.yaml': BASE, 'flows/acme.yaml': child }).load(
      'flows/acme.yaml',
    );
    expect(loaded.problems).toEqual([]);
    expect(loaded.files).toEqual(['flows/acme.yaml', 'flows/customer-support.yaml']);
    const wf = loaded.workflow!;
    expect(wf.id).toBe('acme-support');
    expect(wf.name).toBe('ACME support');
    expect(wf.extends).toBeUndefined();
    expect(wf.nodes.map((n) => `${n.id}=${n.uses}`)).toEqual([
      'classify=core/intent@^1',
      'refund=core/set',
      'smalltalk=core/set',
      'answer=core/llm@^1',
      'survey=core/end',
    ]);
    expect(Object.keys(wf.layout ?? {})).toEqual(['classify', 'smalltalk', 'survey']);
  });

  it('applies an overlay: insert, patch, remove, disable and top-level patch', async () => {
    const overlay = `overlay: ../flows/customer-support
id: acme-support
operations:
  - insert: { id: audit, uses: core/log@^1 }
    before: answer
  - patch: classify
    with: { threshold: 0.8 }
    timeout: 10s
  - remove: smalltalk
  - disable: refund
  - patchWorkflow: { name: ACME, meta: { tenant: acme } }
`;
    const loaded = await loaderFor({
      'flows/customer-support.yaml': BASE,
      'tenants/acme.yaml': overlay,
    }).load('tenants/acme.yaml');
    expect(loaded.problems).toEqual([]);
    expect(loaded.files).toEqual(['tenants/acme.yaml', 'flows/customer-support.yaml']);
    const wf = loaded.workflow!;
    expect(wf).toMatchObject({ id: 'acme-support', name: 'ACME', meta: { tenant: 'acme' } });
    expect(edges(wf)).toEqual({
      classify: 'refund:refund smalltalk:audit *audit',
      refund: 'audit',
      audit: 'answer',
      answer: undefined,
    });
    const classify = wf.nodes[0]!;
    expect(classify.with).toEqual({ threshold: 0.8, labels: ['refund', 'smalltalk'] });
    expect(classify.timeout).toBe('10s');
    expect(wf.nodes.find((n) => n.id === 'refund')?.disabled).toBe(true);
    expect(wf.layout).toEqual({ classify: { x: 0, y: 0 } });
  });

  it('inserts after a node with a single next, and replaces a node under a new id', async () => {
    const overlay = `overlay: customer-support.yaml
operations:
  - insert: { id: log-refund, uses: core/log }
    after: refund
  - replace: answer
    node: { id: reply, uses: core/end@^2 }
`;
    const loaded = await loaderFor({ 'f/customer-support.yaml': BASE, 'f/o.yaml': overlay }).load('f/o.yaml');
    expect(loaded.problems).toEqual([]);
    expect(edges(loaded.workflow)).toEqual({
      classify: 'refund:refund smalltalk:smalltalk *reply',
      refund: 'log-refund',
      'log-refund': 'reply',
      smalltalk: 'reply',
      reply: undefined,
    });
  });

  it('removing the start node moves the start to its next', async () => {
    const base =
      'id: b\nnodes:\n  - id: greet\n    uses: core/set\n    next: ask\n  - id: other\n    uses: core/end\n  - id: ask\n    uses: core/set\n    next: other\n';
    const overlay = 'overlay: b\noperations:\n  - remove: greet\n';
    const loaded = await loaderFor({ 'b.yaml': base, 'o.yaml': overlay }).load('o.yaml');
    expect(loaded.problems).toEqual([]);
    expect(loaded.workflow?.start).toBe('ask');
  });

  it('names the overlay file, line, column and operation number for each failing operation', async () => {
    const overlay = `overlay: customer-support
operations:
  - disable: refund
  - remove: nope
  - insert: { id: x, uses: core/log }
    after: classify
  - patch: ghost
    with: { a: 1 }
`;
    const loaded = await loaderFor({ 'customer-support.yaml': BASE, 'acme.yaml': overlay }).load('acme.yaml');
    expect(loaded.workflow).toBeUndefined();
    expect(loaded.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.code} ${p.message}`)).toEqual([
      "acme.yaml:4:13 overlay operation 2: node 'nope' does not exist in base 'customer-support'",
      "acme.yaml:6:12 overlay operation 3: node 'classify' has conditional branches; insert before one of their targets instead",
      "acme.yaml:7:12 overlay operation 4: node 'ghost' does not exist in base 'customer-support'",
    ]);
  });

  it('validates the merged result and points problems at the file that wrote them', async () => {
    const overlay =
      'overlay: customer-support\noperations:\n  - insert: { id: extra, uses: core/set, next: nowhere }\n    after: refund\n';
    const loaded = await loaderFor({ 'customer-support.yaml': BASE, 'o.yaml': overlay }).load('o.yaml');
    expect(loaded.workflow).toBeUndefined();
    expect(loaded.problems).toMatchObject([
      {
        file: 'o.yaml',
        line: 3,
        column: 48,
        code: 'unknown-target',
        message: "node 'extra': next goes to unknown node 'nowhere'",
      },
    ]);
  });

  it('reports an extends cycle with the whole chain', async () => {
    const files = {
      'a.yaml': 'id: a\nextends: b\n',
      'b.yaml': 'id: b\nextends: ./c.yaml\n',
      'c.yaml': 'id: c\nextends: a\n',
    };
    const loaded = await loaderFor(files).load('a');
    expect(loaded.problems).toMatchObject([
      {
        file: 'c.yaml',
        line: 2,
        column: 10,
        code: 'extends-cycle',
        message: expect.stringContaining('a.yaml → b.yaml → c.yaml → a.yaml'),
      },
    ]);
  });

  it('reports a missing base at the extends line, and base problems in the base file', async () => {
    const missing = await loaderFor({ 'a.yaml': 'id: a\nextends: gone\n' }).load('a.yaml');
    expect(missing.problems).toMatchObject([
      { file: 'a.yaml', line: 2, code: 'unknown-workflow', message: expect.stringContaining("'gone.yaml'") },
    ]);
    const broken = await loaderFor({ 'a.yaml': 'id: a\nextends: b\n', 'b.yaml': 'id: b\nnodes: [\n' }).load(
      'a.yaml',
    );
    expect(broken.problems.length).toBeGreaterThan(0);
    expect(broken.problems.every((p) => p.file === 'b.yaml' && p.code === 'yaml-syntax')).toBe(true);
  });

  it('reports duplicate ids inside an extends child', async () => {
    const child =
      'id: c\nextends: customer-support\nnodes:\n  - { id: z, uses: core/end }\n  - { id: z, uses: core/end }\n';
    const loaded = await loaderFor({ 'customer-support.yaml': BASE, 'c.yaml': child }).load('c.yaml');
    expect(loaded.problems.filter((p) => p.severity === 'error')).toMatchObject([
      {
        file: 'c.yaml',
        line: 5,
        column: 11,
        code: 'duplicate-id',
        message: expect.stringContaining('first used at line 4'),
      },
    ]);
  });

  it('overlays an inheriting workflow (chains of bases)', async () => {
    const child = 'id: acme\nextends: customer-support\nnodes:\n  - { id: answer, uses: core/llm }\n';
    const overlay = 'overlay: acme\noperations:\n  - patch: answer\n    with: { model: small }\n';
    const loaded = await loaderFor({
      'customer-support.yaml': BASE,
      'acme.yaml': child,
      'o.yaml': overlay,
    }).load('o.yaml');
    expect(loaded.problems).toEqual([]);
    expect(loaded.files).toEqual(['o.yaml', 'acme.yaml', 'customer-support.yaml']);
    expect(loaded.workflow?.nodes.find((n) => n.id === 'answer')).toEqual({
      id: 'answer',
      uses: 'core/llm',
      with: { model: 'small' },
    });
  });
});

describe('resolveRelative', () => {
  it('resolves refs against the folder of the referring file', () => {
    expect(resolveRelative('flows/acme/a.yaml', 'base.yaml')).toBe('flows/acme/base.yaml');
    expect(resolveRelative('flows/acme/a.yaml', '../shared/base.yaml')).toBe('flows/shared/base.yaml');
    expect(resolveRelative('/srv/flows/a.yaml', './b.yaml')).toBe('/srv/flows/b.yaml');
    expect(resolveRelative('a.yaml', '/abs/b.yaml')).toBe('/abs/b.yaml');
  });
});
