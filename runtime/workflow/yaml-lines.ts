/** Line arithmetic over the original text, so patches can be cut at whole lines. */

/** Offset of the first character of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just after the line break ending the line holding `offset` (or the end of the text). */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** How many spaces open the line starting at `start`. */
export function indentAt(text: string, start: number): number {
  let i = start;
  while (text.charCodeAt(i) === 32) i++;
  return i - start;
}

/** True when the line starting at `start` holds only whitespace. */
export function isBlankLine(text: string, start: number): boolean {
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') return true;
    if (c !== ' ' && c !== '\t' && c !== '\r') return false;
  }
  return true;
}

/** True when the line starting at `start` is a comment deeper than `column` (it reads as inside an item at `column`). */
export function isDeeperComment(text: string, start: number, column: number): boolean {
  const indent = indentAt(text, start);
  return indent > column && text[start + indent] === '#';
}

/** Moves an end offset back over one trailing line break, so "content end" never swallows the newline. */
export function trimLineBreak(text: string, end: number): number {
  let e = end;
  if (e > 0 && text[e - 1] === '\n') e--;
  if (e > 0 && text[e - 1] === '\r') e--;
  return e;
}

/** True when only spaces sit between the start of the line and `offset`. */
export function startsLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '\n') return true;
    if (c !== ' ') return false;
  }
  return true;
}

/** Prefixes every line after the first with `column` spaces (blank lines stay empty). */
export function indentRest(block: string, column: number): string {
  if (column === 0) return block;
  const pad = ' '.repeat(column);
  return block.replace(/\n(?=[^\n])/g, `\n${pad}`);
}
