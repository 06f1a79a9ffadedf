/** Reads `--input '<json>'` or `--input @file.json`, with an error that says what was wrong. */
import { readFile } from 'node:fs/promises';
import { UserError } from '../workflow/errors.ts';

/** The parsed run input; `{}` when none was given. */
export async function readInput(input: string | undefined): Promise<unknown> {
  if (input === undefined) return {};
  const fromFile = input.startsWith('@');
  let text = input;
  if (fromFile) {
    try {
      text = await readFile(input.slice(1), 'utf8');
    } catch (error) {
      throw new UserError(
        'input-unreadable',
        `cannot read input file ${input.slice(1)}: ${(error as Error).message}`,
      );
    }
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const where = fromFile ? `input file ${input.slice(1)}` : '--input';
    throw new UserError('input-not-json', `${where} is not valid JSON: ${(error as Error).message}`);
  }
}
