/** Dates in messages: ISO, numeric (d/m/y or m/d/y), month names, and words like "today" or "next friday". */
import { type Claimed, unclaimed } from './spans.ts';

/** A date found in the text. */
export interface FoundDate {
  date: string; // YYYY-MM-DD
  text: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?';
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';

/** YYYY-MM-DD for a UTC date. */
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** A valid UTC date or null (rejects 31 February). */
function makeDate(year: number, month: number, day: number): Date | null {
  const d = new Date(Date.UTC(year < 100 ? 2000 + year : year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? d : null;
}

/** `days` after `from`. */
const addDays = (from: Date, days: number) => new Date(from.getTime() + days * 86_400_000);

/** Month number 1-12 from a name or abbreviation. */
const monthOf = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;

/** Finds every date in the text, relative ones counted from `today`. `order` breaks ties like 03/04/2025. */
export function findDates(text: string, today: Date, order: 'dmy' | 'mdy', claimed: Claimed): FoundDate[] {
  const found: Array<FoundDate & { at: number }> = [];
  const push = (m: RegExpExecArray, d: Date | null) => {
    if (d) found.push({ date: iso(d), text: m[0], at: m.index });
  };
  for (const m of unclaimed(text, /\b(\d{4})-(\d{1,2})-(\d{1,2})(?:T[\d:.]+Z?)?\b/gi, claimed)) {
    push(m, makeDate(+m[1]!, +m[2]!, +m[3]!));
  }
  for (const m of unclaimed(text, /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b/g, claimed)) {
    const [a, b] = [+m[1]!, +m[2]!];
    const dayFirst = a > 12 ? true : b > 12 ? false : order === 'dmy';
    push(m, dayFirst ? makeDate(+m[3]!, b, a) : makeDate(+m[3]!, a, b));
  }
  const yearOrGuess = (y: string | undefined, month: number, day: number) => {
    if (y) return makeDate(+y, month, day);
    // No year: the next such date from today, as a customer means it.
    const thisYear = makeDate(today.getUTCFullYear(), month, day);
    return thisYear && thisYear < addDays(today, -1)
      ? makeDate(today.getUTCFullYear() + 1, month, day)
      : thisYear;
  };
  for (const m of unclaimed(
    text,
    new RegExp(`\\b${DAY}(?:\\s+of)?\\s+${MONTH}(?:,?\\s+(\\d{4}))?\\b`, 'gi'),
    claimed,
  )) {
    push(m, yearOrGuess(m[3], monthOf(m[2]!), +m[1]!));
  }
  for (const m of unclaimed(text, new RegExp(`\\b${MONTH}\\s+${DAY}(?:,?\\s+(\\d{4}))?\\b`, 'gi'), claimed)) {
    push(m, yearOrGuess(m[3], monthOf(m[1]!), +m[2]!));
  }
  const relative: Record<string, number> = {
    'day after tomorrow': 2,
    tomorrow: 1,
    today: 0,
    tonight: 0,
    yesterday: -1,
  };
  for (const m of unclaimed(text, /\b(day after tomorrow|tomorrow|today|tonight|yesterday)\b/gi, claimed)) {
    push(m, addDays(today, relative[m[1]!.toLowerCase()]!));
  }
  for (const m of unclaimed(text, /\bin\s+(\d{1,3})\s+(day|week)s?\b/gi, claimed)) {
    push(m, addDays(today, +m[1]! * (m[2]!.toLowerCase() === 'week' ? 7 : 1)));
  }
  for (const m of unclaimed(
    text,
    new RegExp(`\\b(next|last|this|on)?\\s*(${WEEKDAYS.join('|')})\\b`, 'gi'),
    claimed,
  )) {
    const target = WEEKDAYS.indexOf(m[2]!.toLowerCase());
    const now = today.getUTCDay();
    if (m[1]?.toLowerCase() === 'last') push(m, addDays(today, -(((now - target + 6) % 7) + 1)));
    else push(m, addDays(today, ((target - now + 6) % 7) + 1));
  }
  return found.sort((a, b) => a.at - b.at).map(({ date, text: t }) => ({ date, text: t.trim() }));
}
