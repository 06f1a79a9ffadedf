/**
 * Checks every `{{ ... }}` in a workflow before it runs: syntax errors with their column, and
 * references to nodes that do not exist — including the classic `nodes.say-hello`, which reads as
 * `nodes.say - hello`, with the fix spelled out.
 */
import { listPaths } from '../engine/expression/list-paths.ts';
import { parseTemplate } from '../engine/expression/template-parts.ts';
import type { JsonPath } from './source-locator.ts';
import type { WorkflowNode } from './types.ts';

type Report = (path: JsonPath, code: string, message: string) => void;

/** Calls `visit` for every string inside `value` with its path. */
function eachString(value: unknown, path: JsonPath, visit: (text: string, path: JsonPath) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) eachString(v, [...path, i], visit);
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) eachString(v, [...path, k], visit);
}

/** Reports broken expressions and unknown node references in each node's `with:` and `when:`. */
export function expressionProblems(
  nodes: Array<{ node: WorkflowNode; index: number }>,
  ids: ReadonlyMap<string, number>,
  error: Report,
): void {
  const check = (text: string, path: JsonPath) => {
    if (!text.includes('{{')) return;
    let paths: string[];
    try {
      if (!parseTemplate(text)) return;
      paths = listPaths(text);
    } catch (caught) {
      error(path, 'expression', (caught as Error).message);
      return;
    }
    for (const ref of paths) {
      const match = /^nodes\.([A-Za-z0-9_]+)/.exec(ref);
      const id = match?.[1];
      if (!id || ids.has(id)) continue;
      const hyphenated = [...ids.keys()].find(
        (known) => known.startsWith(`${id}-`) && text.includes(`nodes.${known}`),
      );
      error(
        path,
        'unknown-node-reference',
        hyphenated
          ? `'nodes.${hyphenated}' reads as 'nodes.${id}' minus '${hyphenated.slice(id.length + 1)}'; write nodes['${hyphenated}']`
          : `the expression reads nodes.${id}, but there is no node '${id}'`,
      );
    }
  };
  for (const { node, index } of nodes) {
    if (node.with !== undefined) eachString(node.with, ['nodes', index, 'with'], check);
    if (Array.isArray(node.next)) {
      node.next.forEach((branch, b) => {
        const when = branch && typeof branch === 'object' ? (branch as { when?: unknown }).when : undefined;
        if (typeof when === 'string')
          check(when.includes('{{') ? when : `{{ ${when} }}`, ['nodes', index, 'next', b, 'when']);
      });
    }
  }
}
