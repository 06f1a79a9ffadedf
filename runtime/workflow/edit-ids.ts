/** Node ids as edits see them: which ids are valid, and how expressions refer to them. */
import { UserError } from './errors.ts';

/** A node id, as the workflow schema defines it: lowercase letters, digits, `-` and `_`, starting with a letter or digit. */
export const NODE_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Throws a UserError unless `id` is a usable node id. */
export function assertValidNodeId(id: unknown, where: string): asserts id is string {
  if (typeof id !== 'string' || !NODE_ID_PATTERN.test(id)) {
    throw new UserError(
      'invalid-id',
      `${where}: '${String(id)}' is not a valid node id (expected lowercase letters, digits, - and _, starting with a letter or digit, at most 64 characters)`,
      { id },
    );
  }
}

const EXPRESSION = /\{\{[\s\S]*?\}\}/g;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Rewrites `nodes.<from>` (and `nodes['<from>']`, `nodes["<from>"]`) to `<to>` inside the `{{ }}`
 * parts of a string; text outside expressions is the builder's prose and stays as written.
 */
export function renameInExpressions(text: string, from: string, to: string): string {
  if (!text.includes('{{') || !text.includes(from)) return text;
  const f = escapeRegExp(from);
  const dotted = new RegExp(`(\\bnodes\\s*\\.\\s*)${f}(?![A-Za-z0-9_-])`, 'g');
  const bracketed = new RegExp(`(\\bnodes\\s*\\[\\s*)(['"])${f}\\2`, 'g');
  return text.replace(EXPRESSION, (expr) =>
    expr
      .replace(dotted, (_m, head: string) => head + to)
      .replace(bracketed, (_m, head: string, q: string) => `${head}${q}${to}${q}`),
  );
}
