/** Validates workflow YAML for the API: a workflow, or a 422 listing every problem with line and column. */

import { UserError } from '../../workflow/errors.ts';
import { parseWorkflow } from '../../workflow/parse-workflow.ts';
import type { Workflow } from '../../workflow/types.ts';

/** Parses `yaml`; throws 422 `invalid-workflow` with `details.problems` when it has errors. */
export function checkWorkflowYaml(yaml: string, file: string): Workflow {
  const parsed = parseWorkflow(yaml, file);
  const problems = parsed.problems.filter((p) => p.severity === 'error');
  if (problems.length > 0 || !parsed.workflow) {
    const first = problems[0];
    const where = first ? ` (line ${first.line}, column ${first.column}: ${first.message})` : '';
    const message = parsed.overlay
      ? 'this is an overlay, not a workflow'
      : `the workflow has ${problems.length} problem(s)${where}`;
    throw new UserError('invalid-workflow', message, { problems: parsed.problems }, 422);
  }
  return parsed.workflow;
}
