/**
 * Memoised `parseWorkflow`: the canvas, the inspector and undo/redo all ask for the parse of the
 * same few texts, and parsing a 1,000-node file is not free.
 */
import { type ParsedWorkflow, parseWorkflow } from '../../runtime/workflow/parse-workflow.ts';
import { problemAt } from '../../runtime/workflow/source-locator.ts';
import type { Problem, Workflow } from '../../runtime/workflow/types.ts';

/** A parse result as the editor uses it. */
export interface Parsed {
  workflow?: Workflow;
  problems: Problem[];
  /** The full parse (document, locator), for validation. */
  source?: ParsedWorkflow;
}

const cache = new Map<string, Parsed>();
const LIMIT = 24;

/** Parses `text` (as file `file`), reusing the answer for a text seen recently. */
export function parseCached(text: string, file: string): Parsed {
  const key = `${file}\n${text}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  let parsed: Parsed;
  try {
    const result = parseWorkflow(text, file);
    parsed = { workflow: result.workflow, problems: result.problems ?? [], source: result };
  } catch (error) {
    const top = { file, line: 1, column: 1, path: '' };
    parsed = { problems: [problemAt(top, 'yaml-syntax', (error as Error).message)] };
  }
  cache.set(key, parsed);
  if (cache.size > LIMIT) cache.delete(cache.keys().next().value!);
  return parsed;
}
