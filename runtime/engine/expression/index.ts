/**
 * The expression language used in `{{ ... }}`: data-only, never JavaScript eval. Browser-safe: the
 * studio uses the same parser for autocomplete and inline errors.
 */
export type { Ast, ParsedExpression } from './ast.ts';
export { type ExpressionScope, evaluateExpression, evaluateParsed } from './evaluator.ts';
export { ExpressionError, type ExpressionErrorCode } from './expression-error.ts';
export { type ExpressionFunction, expressionFunctions } from './functions.ts';
export { defaultExpressionLimits, type ExpressionLimits } from './limits.ts';
export { listPaths } from './list-paths.ts';
export { parseExpression } from './parser.ts';
export { type CompiledTemplate, compileTemplate, evaluateTemplate } from './template.ts';
export { type ParsedTemplate, parseTemplate } from './template-parts.ts';
