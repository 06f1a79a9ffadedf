/**
 * Refuses regular expressions that can backtrack catastrophically (ReDoS): a group repeated without
 * bound (or more than a few times) that itself contains a variable-length repetition ("(a+)+",
 * "(\w+\s?)*", "(.*a){12}"), such a repeated alternation whose branches can start alike
 * ("(a|ab)*"), and backreferences. Small bounded repeats like "(\d{4} ?){4}" stay allowed.
 * A static heuristic in the spirit of safe-regex; the
 * input-length cap and the sandbox CPU limit remain the backstop for anything it lets through.
 */

/** Longest pattern accepted; patterns are written by people, not generated. */
export const MAX_PATTERN_LENGTH = 500;

// Backtracking grows like (ways per iteration)^(iterations): a handful of iterations stays cheap.
const MAX_SAFE_REPEAT = 5;

interface Frame {
  variable: boolean; // contains a quantifier whose match length can vary (*, +, ?, {n,m})
  branchStarts: string[]; // first token of each alternative
  atBranchStart: boolean;
}

/** Returns why the pattern is unsafe, or undefined when it is acceptable. */
export function unsafeReason(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH)
    return `pattern is ${pattern.length} characters; the limit is ${MAX_PATTERN_LENGTH}`;
  if (/\\[1-9]|\\k</.test(pattern)) return 'backreferences (\\1, \\k<name>) can take exponential time';
  const stack: Frame[] = [{ variable: false, branchStarts: [], atBranchStart: true }];
  let closed: Frame | undefined; // the group that ended just before the current position
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    const top = stack[stack.length - 1]!;
    const quantifier = readQuantifier(pattern, i);
    if (quantifier) {
      if (closed && quantifier.max > MAX_SAFE_REPEAT) {
        if (closed.variable)
          return `nested repetition at position ${i}: a repeated group contains a variable-length repetition`;
        if (hasOverlap(closed.branchStarts))
          return `repeated alternation at position ${i} has branches that start alike`;
      }
      if (quantifier.max > quantifier.min) top.variable = true;
      closed = undefined;
      i += quantifier.length;
      if (pattern[i] === '?') i++; // lazy modifier
      continue;
    }
    closed = undefined;
    const token = readAtom(pattern, i);
    if (ch === '(') {
      if (top.atBranchStart) {
        top.branchStarts.push('(');
        top.atBranchStart = false;
      }
      stack.push({ variable: false, branchStarts: [], atBranchStart: true });
    } else if (ch === ')') {
      if (stack.length === 1) return undefined; // unbalanced: the RegExp constructor reports it
      closed = stack.pop()!;
      if (closed.variable) stack[stack.length - 1]!.variable = true;
    } else if (ch === '|') {
      top.atBranchStart = true;
    } else if (top.atBranchStart) {
      top.branchStarts.push(token.text);
      top.atBranchStart = false;
    }
    i += token.length;
  }
  return undefined;
}

function readQuantifier(
  pattern: string,
  i: number,
): { length: number; min: number; max: number } | undefined {
  const ch = pattern[i];
  if (ch === '*') return { length: 1, min: 0, max: Number.POSITIVE_INFINITY };
  if (ch === '+') return { length: 1, min: 1, max: Number.POSITIVE_INFINITY };
  if (ch === '?') return { length: 1, min: 0, max: 1 };
  if (ch === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
    if (!m) return undefined;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
    return { length: m[0].length, min, max };
  }
  return undefined;
}

// One atom: an escape, a character class, a group opening with its (?:, (?<name>, (?= prefix, or a char.
function readAtom(pattern: string, i: number): { text: string; length: number } {
  const ch = pattern[i]!;
  if (ch === '\\') return { text: pattern.slice(i, i + 2), length: 2 };
  if (ch === '[') {
    let j = i + 1;
    while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
    return { text: pattern.slice(i, j + 1), length: j + 1 - i };
  }
  if (ch === '(' && pattern[i + 1] === '?') {
    const m = /^\(\?(:|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(pattern.slice(i));
    return { text: '(', length: m ? m[0].length : 1 };
  }
  return { text: ch, length: 1 };
}

// Branches starting with the same token, or with a wildcard or class, can match the same text.
function hasOverlap(starts: string[]): boolean {
  if (starts.length < 2) return false;
  if (starts.some((s) => s === '.' || s.startsWith('[') || /^\\[wWdDsS]$/.test(s))) return true;
  return new Set(starts).size < starts.length;
}
