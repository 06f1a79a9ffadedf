/** `flow validate <files...>`: every problem in every file, as file:line:col: message. */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createExampleRunner } from '../../../workflows/example-runner.ts';
import { isCatalog } from '../../workflow/is-catalog.ts';
import { formatProblem } from '../format-problem.ts';
import { catalogProblems } from './validate-catalog.ts';

/** Validates files; returns the exit code (0 valid, 1 problems). */
export async function validateCommand(
  files: string[],
  out: { log: (line: string) => void } = console,
): Promise<number> {
  let errors = 0;
  let warnings = 0;
  const runners = new Map<string, Awaited<ReturnType<typeof createExampleRunner>>>();
  for (const file of files) {
    const path = resolve(file);
    const dir = dirname(path);
    let runner = runners.get(dir);
    if (!runner) {
      runner = await createExampleRunner({ dir });
      runners.set(dir, runner);
    }
    const text = await readFile(path, 'utf8').catch(() => '');
    const problems = isCatalog(text)
      ? await catalogProblems(text, path, async (target) => (await runner!.load(target)).workflow?.id)
      : (await runner.load(path)).problems;
    for (const problem of [...problems].sort((a, b) => a.line - b.line || a.column - b.column)) {
      out.log(formatProblem(problem));
      if (problem.severity === 'error') errors++;
      else warnings++;
    }
  }
  const summary = `${files.length} file${files.length === 1 ? '' : 's'}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  out.log(errors === 0 ? `ok: ${summary}` : summary);
  return errors === 0 ? 0 : 1;
}
