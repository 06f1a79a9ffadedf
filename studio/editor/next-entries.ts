/** `next:` as an editable list of entries, and back. */
import type { Branch, DefaultBranch, Next } from '../../runtime/workflow/types.ts';

/** One outgoing edge as written in `next:`. */
export type Entry = Branch | DefaultBranch;

/** `next:` as a list of entries (a plain `next: id` is one default entry). */
export function nextEntries(next: Next | undefined): Entry[] {
  if (next === undefined) return [];
  return typeof next === 'string' ? [{ default: next }] : next;
}

/** The list written back: empty → no `next`, a lone default → `next: id`. */
export function nextValue(entries: Entry[]): Next | undefined {
  if (entries.length === 0) return undefined;
  if (entries.length === 1 && 'default' in entries[0]!) return entries[0].default;
  return entries;
}

/** The node an entry goes to. */
export function entryTarget(entry: Entry): string {
  return 'default' in entry ? entry.default : entry.to;
}

/** The same entry (condition, label) going to `to` instead. */
export function retargetEntry(entry: Entry, to: string): Entry {
  return 'default' in entry ? { default: to } : { ...entry, to };
}
