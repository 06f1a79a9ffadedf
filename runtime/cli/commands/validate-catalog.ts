/**
 * A workflow catalogue (workflows/registry.yaml: a `workflows:` list of id + file) is validated as
 * such: every entry names an existing file whose workflow id matches.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Problem } from '../../workflow/types.ts';

/** Problems of a catalogue: missing files, ids that do not match, entries without id or file. */
export async function catalogProblems(
  text: string,
  file: string,
  idOf: (path: string) => Promise<string | undefined>,
): Promise<Problem[]> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const problems: Problem[] = [];
  const at = (offset: number | undefined, path: string, message: string): Problem => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return { file, line, column: col, path, code: 'catalog', message, severity: 'error' };
  };
  const list = isMap(doc.contents) ? doc.contents.get('workflows', true) : undefined;
  if (!isSeq(list)) return [at(0, '/workflows', 'expected a `workflows:` list of { id, file }')];
  for (const [index, item] of list.items.entries()) {
    const path = `/workflows/${index}`;
    if (!isMap(item)) {
      problems.push(at(undefined, path, 'expected an entry with id and file'));
      continue;
    }
    const id = item.get('id');
    const target = item.get('file');
    if (typeof id !== 'string' || typeof target !== 'string') {
      problems.push(at(item.range?.[0], path, 'expected string `id` and `file`'));
      continue;
    }
    const full = resolve(dirname(file), target);
    if (!existsSync(full)) {
      problems.push(
        at(item.get('file', true)?.range?.[0], `${path}/file`, `file '${target}' does not exist`),
      );
      continue;
    }
    const actual = await idOf(full);
    if (actual !== id)
      problems.push(
        at(item.get('id', true)?.range?.[0], `${path}/id`, `'${target}' has id '${actual}', not '${id}'`),
      );
  }
  return problems;
}
