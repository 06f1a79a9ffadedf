/** Which data paths an expression or template reads, for autocomplete and "used by" hints in the studio. */
import type { Ast } from './ast.ts';
import { parseExpression } from './parser.ts';
import { parseTemplate } from './template-parts.ts';

/** The static path of a member chain (`nodes.search.hits[0]`), or undefined when part of it is computed. */
function pathOf(node: Ast): string | undefined {
  if (node.kind === 'name') return node.name;
  if (node.kind === 'member') {
    const base = pathOf(node.object);
    return base === undefined ? undefined : `${base}.${node.property}`;
  }
  if (node.kind === 'index' && node.index.kind === 'literal') {
    const base = pathOf(node.object);
    const key = node.index.value;
    if (base === undefined) return undefined;
    if (typeof key === 'number') return `${base}[${key}]`;
    if (typeof key === 'string')
      return /^[A-Za-z_$][\w$]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
  }
  return undefined;
}

function collect(node: Ast, out: Set<string>): void {
  const path = pathOf(node);
  if (path !== undefined) {
    out.add(path);
    return;
  }
  switch (node.kind) {
    case 'member':
      collect(node.object, out);
      break;
    case 'index':
      collect(node.object, out);
      collect(node.index, out);
      break;
    case 'call':
      for (const arg of node.args) collect(arg, out);
      break;
    case 'unary':
      collect(node.arg, out);
      break;
    case 'binary':
    case 'logical':
      collect(node.left, out);
      collect(node.right, out);
      break;
    case 'conditional':
      collect(node.test, out);
      collect(node.then, out);
      collect(node.otherwise, out);
      break;
    case 'array':
      for (const item of node.items) collect(item, out);
      break;
    case 'object':
      for (const entry of node.entries) collect(entry.value, out);
      break;
    default:
      break;
  }
}

function walk(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') {
    const template = parseTemplate(value);
    for (const part of template?.parts ?? []) if (typeof part !== 'string') collect(part.ast, out);
  } else if (Array.isArray(value)) {
    for (const item of value) walk(item, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) walk(item, out);
  }
}

/**
 * The paths read by an expression (`len(nodes.search.hits) > 0` gives `nodes.search.hits`) or by
 * every `{{ }}` inside a template value. In order of first appearance, without duplicates.
 */
export function listPaths(source: unknown, options: { expression?: boolean } = {}): string[] {
  const out = new Set<string>();
  if (options.expression && typeof source === 'string') collect(parseExpression(source).ast, out);
  else walk(source, out);
  return [...out];
}
