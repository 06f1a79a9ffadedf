/** Finds what an output is compared with: the case's `expected`, else the judge's configured value. */

import type { JudgeInput } from '../../registry/sdk/plugin.ts';
import { UserError } from '../../runtime/workflow/errors.ts';

/** `input.expected` when given, else `configured`; throws naming both places when neither is. */
export function expectedOf(
  judgeId: string,
  input: JudgeInput,
  configured: unknown,
  setting: string,
): unknown {
  const value = input.expected !== undefined ? input.expected : configured;
  if (value === undefined) {
    throw new UserError(
      'missing-expected',
      `${judgeId}: nothing to compare with: give the test case an 'expected' value or set '${setting}'`,
    );
  }
  return value;
}
