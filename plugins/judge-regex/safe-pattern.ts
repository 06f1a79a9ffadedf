/**
 * Refuses regular expressions that can backtrack catastrophically (ReDoS): a repeated group that
 * itself contains a repetition ("(a+)+", "(\w+\s?)*"), a repeated alternation whose branches can
 * start alike ("(a|ab)*"), and backreferences. A static heuristic in the spirit of safe-regex; the
 * input-length cap and the sandbox CPU limit remain the backstop for anything it lets through.
 */

/** Longest pattern accepted; patterns are written by people, not generated. */
export const MAX_PATTERN_LENGTH = 500;

interface Frame {
  repeats: boolean; // contains a quantifier that allows more than one repetition
  branchStarts: string[]; // first token of each alternative
  atBranchStart: boolean;
}

/** Returns why the pattern is unsafe, or undefined when it is acceptable. */
export function unsafeReason(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return `pattern is ${pattern.length} characters; the limit is ${MAX_PATTERN_LENGTH}`;
  if (/\\[1-9]|\\k</.test(pattern)) return 'backreferences (\\1, \\k<name>) can take exponential time';
  const stack: Frame[] = [{ repeats: false, branchStarts: [], atBranchStart: true }];
  let closed: Frame | undefined; // the group that ended just before the current position
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    const top = stack[stack.length - 1]!;
    const quantifier = readQuantifier(pattern, i);
    if (quantifier) {
      if (quantifier.repeats) {
        if (closed?.repeats) return `nested repetition at position ${i}: a repeated group contains a repetition`;
        if (closed && hasOverlap(closed.branchStarts)) return `repeated alternation at position ${i} has branches that start alike`;
        top.repeats = true;
      }
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
      stack.push({ repeats: false, branchStarts: [], atBranchStart: true });
    } else if (ch === ')') {
      if (stack.length === 1) return undefined; // unbalanced: the RegExp constructor reports it
      closed = stack.pop()!;
      if (closed.repeats) stack[stack.length - 1]!.repeats = true;
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

function readQuantifier(pattern: string, i: number): { length: number; repeats: boolean } | undefined {
  const ch = pattern[i];
  if (ch === '*' || ch === '+') return { length: 1, repeats: true };
  if (ch === '?') return { length: 1, repeats: false };
  if (ch === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
    if (!m) return undefined;
    const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
    return { length: m[0].length, repeats: max > 1 };
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
