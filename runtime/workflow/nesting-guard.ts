/**
 * Guards against documents nested so deeply that the YAML library would exhaust memory or the call
 * stack (`[[[[...` ten million times builds gigabytes of syntax tree before anything can fail).
 */
import { CST, type Document, isAlias, isMap, isPair, isSeq, Lexer, type Node } from 'yaml';

/** The deepest nesting a workflow may use; real workflows stay under 15. */
export const MAX_NESTING = 64;

// Below this many possible collection starts the syntax tree stays small whatever the nesting, so
// the (slower) exact lexer scan is only paid for large or suspicious files.
const EXACT_SCAN_THRESHOLD = 20_000;

/** Before parsing: the offset where nesting first exceeds `max`, or undefined. Linear, no recursion. */
export function findDeepNestingInText(text: string, max = MAX_NESTING): number | undefined {
  if (countCollectionStarts(text) <= EXACT_SCAN_THRESHOLD) return undefined;
  let offset = 0;
  let flow = 0;
  let indicatorsOnLine = 0;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    if (type === 'flow-map-start' || type === 'flow-seq-start') flow++;
    else if (type === 'flow-map-end' || type === 'flow-seq-end') flow = Math.max(0, flow - 1);
    else if (type === 'seq-item-ind' || type === 'explicit-key-ind') indicatorsOnLine++;
    else if (type === 'newline') indicatorsOnLine = 0;
    if (flow + indicatorsOnLine > max) return offset;
    if (!isControlToken(token)) offset += token.length;
  }
  return undefined;
}

/** After parsing: the node nested deeper than `max` (aliases are not followed), or undefined. */
export function findDeepNode(doc: Document, max = MAX_NESTING): Node | undefined {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: doc.contents, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (isAlias(node) || !(isMap(node) || isSeq(node))) continue;
    if (depth > max) return node;
    for (const item of node.items) {
      if (isPair(item)) {
        stack.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
      } else stack.push({ node: item, depth: depth + 1 });
    }
  }
  return undefined;
}

/** Byte length in UTF-8, computed only when the answer could be near `limit`. */
export function exceedsBytes(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return new TextEncoder().encode(text).length > limit;
}

/** An upper bound on collections: each needs a `[`, `{`, or a `-`/`?` indicator followed by a space. */
function countCollectionStarts(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) count++;
    else if (c === 45 || c === 63) {
      const n = text.charCodeAt(i + 1);
      if (Number.isNaN(n) || n === 32 || n === 9 || n === 10 || n === 13) count++;
    }
  }
  return count;
}

/** The lexer's own markers (document start, scalar start, flow end) are not source characters. */
function isControlToken(token: string): boolean {
  return token === CST.DOCUMENT || token === CST.SCALAR || token === CST.FLOW_END;
}
