/**
 * Errors from the expression language. They are user errors: a bad `{{ ... }}` is the builder's to
 * fix, so the message quotes the expression and, for syntax errors, the column.
 */
import { UserError } from '../../workflow/errors.ts';

/** The three ways an expression goes wrong: it does not parse, it fails while running, it hits a limit. */
export type ExpressionErrorCode = 'expression-syntax' | 'expression-error' | 'expression-limit';

/** Long expressions are cut in messages so an error stays readable. */
function quote(expression: string): string {
  const text = expression.trim();
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** A `{{ ... }}` that did not parse, failed, or exceeded a limit. */
export class ExpressionError extends UserError {
  readonly expression: string;
  readonly column: number | undefined;
  constructor(
    code: ExpressionErrorCode,
    problem: string,
    expression: string,
    column?: number,
    inTemplate = false,
  ) {
    const where = column === undefined ? '' : ` at column ${column}`;
    const what = inTemplate ? `template "${quote(expression)}"` : `expression {{ ${quote(expression)} }}`;
    super(code, `${problem}${where} in ${what}`, { expression, column });
    this.expression = expression;
    this.column = column;
  }
}
