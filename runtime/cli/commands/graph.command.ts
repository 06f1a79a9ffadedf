/** `flow graph <file>`: the workflow as a Mermaid flowchart on stdout. */
import { dirname, resolve } from 'node:path';
import { createExampleRunner } from '../../../workflows/example-runner.ts';
import { UserError } from '../../workflow/errors.ts';
import { toMermaid } from '../../workflow/to-mermaid.ts';
import { formatProblem } from '../format-problem.ts';

/** Prints the graph; a file that cannot be loaded is an error listing its problems. */
export async function graphCommand(file: string): Promise<string> {
  const path = resolve(file);
  const runner = await createExampleRunner({ dir: dirname(path) });
  const loaded = await runner.load(path);
  if (!loaded.workflow) {
    throw new UserError(
      'invalid-workflow',
      loaded.problems
        .filter((p) => p.severity === 'error')
        .map(formatProblem)
        .join('\n'),
    );
  }
  return toMermaid(loaded.workflow);
}
