/** Formats problems the way compilers do, so editors and terminals can jump to them. */
import { relative } from 'node:path';
import type { Problem } from '../workflow/types.ts';

/** `file:line:col: severity: message (path)`, with the file relative to the working directory. */
export function formatProblem(problem: Problem): string {
  const file = relative(process.cwd(), problem.file) || problem.file;
  const where = problem.path ? ` (at ${problem.path})` : '';
  const severity = problem.severity === 'warning' ? 'warning: ' : '';
  return `${file}:${problem.line}:${problem.column}: ${severity}${problem.message}${where}`;
}
