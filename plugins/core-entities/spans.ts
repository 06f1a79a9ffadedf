/** Which parts of the text an earlier extractor already claimed, so a date is never also a phone number. */
export class Claimed {
  readonly #spans: Array<[number, number]> = [];

  /** True when [start, end) overlaps a claimed span. */
  overlaps(start: number, end: number): boolean {
    return this.#spans.some(([s, e]) => start < e && s < end);
  }

  /** Claims [start, end); returns false (and claims nothing) when it overlaps. */
  claim(start: number, end: number): boolean {
    if (this.overlaps(start, end)) return false;
    this.#spans.push([start, end]);
    return true;
  }
}

/** Matches of a global regex that do not overlap claimed text; each one kept is claimed. */
export function* unclaimed(text: string, pattern: RegExp, claimed: Claimed): Generator<RegExpExecArray> {
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    if (claimed.claim(m.index, m.index + m[0].length)) yield m;
  }
}
