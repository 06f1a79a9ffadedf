/** The parsed form of an expression: a small tree of data-only operations. `pos` is a 0-based offset. */

/** A binary operator that evaluates both sides. */
export type BinaryOperator = '+' | '-' | '*' | '/' | '%' | '<' | '<=' | '>' | '>=' | '==' | '!=' | 'in';

/** An operator that may skip its right side. */
export type LogicalOperator = '&&' | '||' | '??';

/** One node of an expression tree. */
export type Ast =
  | { kind: 'literal'; value: string | number | boolean | null; pos: number }
  | { kind: 'name'; name: string; pos: number }
  | { kind: 'member'; object: Ast; property: string; pos: number }
  | { kind: 'index'; object: Ast; index: Ast; pos: number }
  | { kind: 'call'; fn: string; args: Ast[]; pos: number }
  | { kind: 'unary'; op: '!' | '-'; arg: Ast; pos: number }
  | { kind: 'binary'; op: BinaryOperator; left: Ast; right: Ast; pos: number }
  | { kind: 'logical'; op: LogicalOperator; left: Ast; right: Ast; pos: number }
  | { kind: 'conditional'; test: Ast; then: Ast; otherwise: Ast; pos: number }
  | { kind: 'array'; items: Ast[]; pos: number }
  | { kind: 'object'; entries: Array<{ key: string; value: Ast }>; pos: number };

/** A parsed expression with the text it came from (for error messages) and where it starts in it. */
export interface ParsedExpression {
  source: string;
  /** Offset of `source` inside the template string the builder wrote. */
  offset: number;
  ast: Ast;
}

/** Property names that reach JavaScript internals; never readable, never writable. */
export const FORBIDDEN_PROPERTIES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
