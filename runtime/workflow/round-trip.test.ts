import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isSeq, parse, parseDocument } from 'yaml';
import { applyEdit, applyEdits, fallbackCount } from './apply-edits.ts';
import type { WorkflowEdit } from './edit.ts';
import { intentArb, resolveIntent } from './edit-arbitraries.ts';
import { applyEditToModel } from './edit-model.ts';
import { UserError } from './errors.ts';
import { renderedArb } from './yaml-render-random.ts';
import { loadYaml } from './yaml-source.ts';

type Model = Record<string, unknown>;

/** Edit sequences to try; raise EDIT_PROPERTY_RUNS to hunt for rare cases. */
const RUNS = Number(process.env.EDIT_PROPERTY_RUNS ?? 200);

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length - 1;
}

/** Lines [start, end) that belong to node `id` (up to the next node), read with yaml's own parser. */
function nodeLines(text: string, id: string): [number, number] {
  const nodes = parseDocument(text).get('nodes', true);
  if (!isSeq(nodes)) throw new Error('no nodes');
  const at = nodes.items.findIndex((n) => isMap(n) && n.get('id') === id);
  const item = nodes.items[at] as { range: [number, number, number] };
  const next = nodes.items[at + 1] as { range: [number, number, number] } | undefined;
  return [
    lineOf(text, item.range[0]),
    next ? lineOf(text, next.range[0]) : lineOf(text, (nodes.range as number[])[1] as number) + 1,
  ];
}

/** The line of a top-level key, or -1. */
function topLevelKeyLine(text: string, key: string): number {
  const root = parseDocument(text).contents;
  const pair = isMap(root) ? root.items.find((p) => (p.key as { value?: unknown }).value === key) : undefined;
  return pair ? lineOf(text, (pair.key as { range: number[] }).range[0] as number) : -1;
}

/** The window of original lines that changed: [first, end) after trimming common leading and trailing lines. */
function changedWindow(before: string, after: string): [number, number] {
  const a = before.split('\n');
  const b = after.split('\n');
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return [p, a.length - s];
}

describe('round trip', () => {
  it('an untouched file comes back byte for byte, and the piecewise loader reads what yaml reads', () => {
    fc.assert(
      fc.property(renderedArb, ({ text, model }) => {
        expect(parse(text)).toEqual(model);
        expect(applyEdits(text, [])).toBe(text);
        expect(loadYaml(text).js).toEqual(model);
      }),
      { numRuns: 150 },
    );
  });

  it('an edit that changes nothing (same position, same value) leaves the text identical', () => {
    fc.assert(
      fc.property(renderedArb, fc.nat(), ({ text, model }, k) => {
        const nodes = model.nodes as Model[];
        const node = nodes[k % nodes.length] as Model;
        const id = node.id as string;
        const layout = (model.layout ?? {}) as Record<string, { x: number; y: number }>;
        const edits: WorkflowEdit[] = [{ type: 'set-node-field', id, path: ['uses'], value: node.uses }];
        if (layout[id]) edits.push({ type: 'move-node', id, ...layout[id] });
        expect(applyEdits(text, edits)).toBe(text);
      }),
      { numRuns: 100 },
    );
  });

  it(
    'random edit sequences mean exactly the edited model, touch only their lines and keep the comments',
    () => {
      const fallbacksBefore = fallbackCount();
      fc.assert(
        fc.property(
          renderedArb,
          fc.array(intentArb, { minLength: 1, maxLength: 8 }),
          ({ text: start, model: first, comments }, intents) => {
            let text = start;
            let model = first;
            const origin = new Map((first.nodes as Model[]).map((n) => [n.id as string, n.id as string]));
            const removed = new Set<string>();
            const touchedFields = new Set<string>();
            for (const intent of intents) {
              const edit = resolveIntent(intent, model);
              if (!edit) continue;
              let expected: Model;
              try {
                expected = applyEditToModel(model, edit);
              } catch (e) {
                expect(e).toBeInstanceOf(UserError);
                expect(() => applyEdit(text, edit)).toThrow(UserError);
                continue;
              }
              const next = applyEdit(text, edit);
              expect(parse(next), JSON.stringify(edit)).toEqual(expected);
              const [from, to] = changedWindow(text, next);
              if (next === text) expect(expected).toEqual(model);
              else if (edit.type === 'move-node') {
                const layoutLine = topLevelKeyLine(text, 'layout');
                if (layoutLine >= 0)
                  expect(from, 'move-node only touches the layout').toBeGreaterThanOrEqual(layoutLine);
                else {
                  expect(to, 'a new layout block only adds lines').toBe(from);
                  expect(from, 'a new layout block comes after the nodes').toBeGreaterThan(
                    nodeLines(text, (model.nodes as Model[]).at(-1)?.id as string)[0],
                  );
                }
              } else if (
                edit.type === 'set-node-field' ||
                edit.type === 'connect' ||
                edit.type === 'disconnect'
              ) {
                const [s, e] = nodeLines(text, edit.type === 'set-node-field' ? edit.id : edit.from);
                expect(from, `${edit.type} starts inside its node`).toBeGreaterThanOrEqual(s);
                expect(to, `${edit.type} ends inside its node`).toBeLessThanOrEqual(e);
              }
              // Track who owns which comment through renames, removals and changed fields.
              const before = new Map((model.nodes as Model[]).map((n) => [n.id as string, n]));
              const after = new Map((expected.nodes as Model[]).map((n) => [n.id as string, n]));
              if (edit.type === 'rename-node') {
                origin.set(edit.to, origin.get(edit.from) as string);
                before.set(edit.to, before.get(edit.from) as Model);
                before.delete(edit.from);
              }
              for (const [id, n] of before) {
                const o = origin.get(id);
                if (o === undefined) continue;
                const now = after.get(id);
                if (!now) removed.add(o);
                else
                  for (const f of new Set([...Object.keys(n), ...Object.keys(now)]))
                    if (JSON.stringify(n[f]) !== JSON.stringify(now[f])) touchedFields.add(`${o}/${f}`);
              }
              if (edit.type === 'add-node') origin.set(edit.node.id, `new:${edit.node.id}`);
              text = next;
              model = expected;
            }
            for (const c of comments) {
              const kept = text.includes(c.text);
              if (c.node !== null && removed.has(c.node))
                expect(kept, `${c.text} went with its node`).toBe(false);
              else if (c.field === null || !touchedFields.has(`${c.node}/${c.field}`))
                expect(kept, `${c.text} survives`).toBe(true);
            }
          },
        ),
        { numRuns: RUNS },
      );
      expect(fallbackCount(), 'every edit was patched precisely').toBe(fallbacksBefore);
    },
    20_000 + RUNS * 20,
  );
});
