/** One call for hosts, the CLI and the studio: parse, schema-check and validate a workflow file. */
import { type ParsedWorkflow, type ParseOptions, parseWorkflow } from './parse-workflow.ts';
import type { Problem } from './types.ts';
import { type ValidateOptions, validateWorkflow } from './validate-workflow.ts';

/** Every problem in one file (parse, schema, graph, plugins); `workflow` is set when none is an error. */
export function checkWorkflow(
  text: string,
  file: string,
  options: ValidateOptions = {},
  parseOptions: ParseOptions = {},
): ParsedWorkflow & { problems: Problem[] } {
  const parsed = parseWorkflow(text, file, parseOptions);
  // A file that is not even a mapping has no graph to check.
  if (parsed.value === undefined || parsed.overlay) return parsed;
  const problems = [...parsed.problems, ...validateWorkflow(parsed, options)];
  const ok = !problems.some((p) => p.severity === 'error');
  // Assigned, not spread: spreading would read `document`, which a clean file builds only on demand.
  return Object.assign(parsed, { problems, workflow: ok ? parsed.workflow : undefined });
}
