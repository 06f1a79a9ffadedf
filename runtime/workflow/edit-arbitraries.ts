/**
 * Test support: random workflow values (nodes whose edges and expressions point at each other) and
 * random edits, resolved against whatever workflow they meet. yaml-render-random.ts writes them as text.
 */
import fc from 'fast-check';
import type { WorkflowEdit } from './edit.ts';

const SPECIAL_IDS = ['true', 'null', 'on', 'yes', 'no', 'n-1', 'search', 'answer', 'a_b', '1x'];

/** A valid node id, including ones YAML would read as booleans or null if written plain. */
export const idArb = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_-]{0,6}$/), fc.constantFrom(...SPECIAL_IDS));

const TEXTS = [
  'plain text',
  "it's",
  'a: b',
  '#hash',
  'x, y',
  '[not a list]',
  '',
  ' lead',
  'trail ',
  'true',
  '42',
  'null',
  '- dash',
  'quote " inside',
  'ünïcödé',
  'two\nlines',
];

/** A config value: prose, expressions naming other nodes, numbers, booleans, null, a small map. */
export function valueArb(ids: readonly string[]): fc.Arbitrary<unknown> {
  const expr = fc.constantFrom(...ids).map((id) => `{{ nodes.${id}.output }}`);
  const prompt = fc.constantFrom(...ids).map((id) => `Be brief.\nContext: {{ nodes.${id}.text }}`);
  const scalar = fc.oneof(
    fc.constantFrom(...TEXTS),
    fc.string({ maxLength: 10 }),
    expr,
    prompt,
    fc.integer({ min: -1000, max: 1000 }),
    fc.constantFrom(0.5, true, false, null),
  );
  return fc.oneof(
    { weight: 4, arbitrary: scalar },
    { weight: 1, arbitrary: fc.record({ reply: expr, code: fc.integer({ min: 0, max: 9 }) }) },
  );
}

function nextArb(ids: readonly string[]): fc.Arbitrary<unknown> {
  const to = fc.constantFrom(...ids);
  const branch = fc.oneof(
    fc.record({ when: fc.constantFrom('{{ output.score > 0.5 }}', "{{ output.kind == 'faq' }}"), to }),
    fc.record({ on: fc.constantFrom('none', 'many'), to, label: fc.constantFrom('no hits', 'many') }),
  );
  const list = fc
    .tuple(fc.array(branch, { minLength: 1, maxLength: 3 }), fc.option(to, { nil: undefined }))
    .map(([b, d]) => (d === undefined ? b : [...b, { default: d }]));
  return fc.oneof(to, list);
}

function nodeArb(id: string, ids: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });
  return fc
    .record({
      uses: fc.constantFrom('core/end@^1', 'core/llm@^1', 'core/http-request@1.2.0', 'acme/tool'),
      with: maybe(
        fc.dictionary(fc.constantFrom('query', 'source', 'threshold', 'prompt', 'output'), valueArb(ids), {
          minKeys: 1,
          maxKeys: 4,
        }),
      ),
      next: maybe(nextArb(ids)),
      body: maybe(fc.constantFrom(...ids)),
      branches: maybe(fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: 3 })),
      timeout: maybe(fc.constantFrom('5s', 500, '2m')),
      retry: maybe(fc.record({ max: fc.integer({ min: 0, max: 5 }) })),
      onError: maybe(fc.constantFrom(...ids).map((fallback) => ({ fallback }))),
    })
    .map((fields) => ({
      id,
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    }));
}

/** A workflow value with 1-6 nodes whose edges and expressions point at each other. */
export const workflowArb: fc.Arbitrary<Record<string, unknown>> = fc
  .uniqueArray(idArb, { minLength: 1, maxLength: 6 })
  .chain((ids) =>
    fc
      .record({
        name: fc.option(fc.constantFrom('FAQ handling', 'Support: triage', "Tom's flow"), { nil: undefined }),
        inputs: fc.option(fc.constant({ message: { type: 'string', required: true } }), { nil: undefined }),
        start: fc.option(fc.constantFrom(...ids), { nil: undefined, freq: 4 }),
        nodes: fc.tuple(...ids.map((id) => nodeArb(id, ids))),
        layout: fc.option(
          fc
            .subarray(ids)
            .chain((some) =>
              fc.tuple(
                ...some.map(() =>
                  fc.tuple(fc.integer({ min: -500, max: 500 }), fc.integer({ min: -500, max: 500 })),
                ),
              ),
            )
            .map((ps) => ps),
          { nil: undefined },
        ),
      })
      .map(({ layout, ...rest }) => {
        const model: Record<string, unknown> = { id: 'wf' };
        for (const [k, v] of Object.entries(rest)) if (v !== undefined) model[k] = v;
        if (layout) model.layout = Object.fromEntries(layout.map(([x, y], i) => [ids[i], { x, y }]));
        return model;
      }),
  );

/** An edit drawn without knowing the workflow; `resolveIntent` turns it into a valid edit for a given one. */
export interface EditIntent {
  kind: 'move' | 'set' | 'set-top' | 'add' | 'remove' | 'rename' | 'connect' | 'disconnect';
  a: number;
  b: number;
  id: string;
  path: Array<string | number>;
  value: unknown;
  x: number;
  y: number;
  mode: number;
}

const NODE_PATHS: Array<Array<string | number>> = [
  ['with', 'threshold'],
  ['with', 'query'],
  ['with', 'prompt'],
  ['timeout'],
  ['retry', 'max'],
  ['with'],
  ['next'],
  ['description'],
];
const TOP_PATHS: Array<Array<string | number>> = [
  ['name'],
  ['description'],
  ['inputs', 'lang'],
  ['meta', 'tags'],
  ['version'],
];

/** A random edit intent; a quarter of `set` intents delete their key. */
export const intentArb: fc.Arbitrary<EditIntent> = fc.record({
  kind: fc.constantFrom(
    'move',
    'move',
    'set',
    'set',
    'set-top',
    'add',
    'remove',
    'rename',
    'connect',
    'connect',
    'disconnect',
    'disconnect',
  ),
  a: fc.nat(),
  b: fc.nat(),
  id: idArb,
  path: fc.constantFrom(...NODE_PATHS),
  value: fc.option(valueArb(['search', 'x-1']), { nil: undefined, freq: 4 }),
  x: fc.double({ min: -2000, max: 2000, noNaN: true }),
  y: fc.integer({ min: -2000, max: 2000 }),
  mode: fc.nat(11),
});

function edgeTargets(node: Record<string, unknown>): string[] {
  const out: string[] = [];
  const next = node.next;
  if (typeof next === 'string') out.push(next);
  if (Array.isArray(next))
    for (const e of next)
      if (e && typeof e === 'object') out.push(...[e.to, e.default].filter((t) => typeof t === 'string'));
  if (typeof node.body === 'string') out.push(node.body);
  if (Array.isArray(node.branches)) out.push(...node.branches.filter((b) => typeof b === 'string'));
  const onError = node.onError as { fallback?: unknown } | undefined;
  if (typeof onError?.fallback === 'string') out.push(onError.fallback);
  return out;
}

/** The concrete edit an intent means for `model`, or null when it has nothing to act on. */
export function resolveIntent(intent: EditIntent, model: Record<string, unknown>): WorkflowEdit | null {
  const nodes = (model.nodes as Array<Record<string, unknown>>) ?? [];
  const ids = nodes.map((n) => n.id as string);
  const pick = (k: number) => ids[k % ids.length] as string;
  if (ids.length === 0 && intent.kind !== 'add') return null;
  switch (intent.kind) {
    case 'move':
      return { type: 'move-node', id: pick(intent.a), x: intent.x, y: intent.y };
    case 'set':
      return { type: 'set-node-field', id: pick(intent.a), path: intent.path, value: intent.value };
    case 'set-top':
      return {
        type: 'set-field',
        path: TOP_PATHS[intent.mode % TOP_PATHS.length] as Array<string | number>,
        value: intent.value,
      };
    case 'add': {
      if (ids.includes(intent.id)) return null;
      const node =
        intent.mode % 2
          ? { id: intent.id, uses: 'core/end@^1', with: { reply: intent.value ?? 'hi' } }
          : { id: intent.id, uses: 'core/llm@^1' };
      return {
        type: 'add-node',
        node,
        ...(intent.mode % 3 === 0 && ids.length ? { after: pick(intent.b) } : {}),
        ...(intent.mode % 4 < 2 ? { position: { x: intent.x, y: intent.y } } : {}),
      };
    }
    case 'remove':
      return { type: 'remove-node', id: pick(intent.a) };
    case 'rename':
      return ids.includes(intent.id) ? null : { type: 'rename-node', from: pick(intent.a), to: intent.id };
    case 'connect': {
      const base = { type: 'connect' as const, from: pick(intent.a), to: pick(intent.b) };
      const mode = intent.mode % 4;
      if (mode === 1) return { ...base, when: '{{ output.ok }}', label: 'ok' };
      if (mode === 2) return { ...base, on: 'retry' };
      return mode === 3 ? { ...base, default: true } : base;
    }
    case 'disconnect': {
      const from = nodes[intent.a % nodes.length] as Record<string, unknown>;
      const targets = edgeTargets(from);
      return targets.length
        ? { type: 'disconnect', from: from.id as string, to: targets[intent.b % targets.length] as string }
        : null;
    }
  }
}
