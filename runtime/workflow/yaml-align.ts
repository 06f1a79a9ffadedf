/**
 * Lines up old and new collection items so that only real changes touch the text: list items are
 * matched by node id (or by value) with a Myers diff, and leftover pairs in one hunk are edited in
 * place; a map key that changed at the same position is a rename, not a delete plus an add.
 */
import { diffArrays } from 'diff';

/** Which old list items stay (paired with a new item), go, or get new items after them (-1: before the first). */
export interface ListPlan {
  pairs: Array<[number, number]>;
  deleted: number[];
  inserted: Map<number, number[]>;
}

/** Which old map entries stay (possibly under a new key), go, or get new keys after them (-1: before the first). */
export interface MapPlan {
  kept: Array<{ index: number; key: string }>;
  removed: number[];
  inserted: Map<number, string[]>;
}

function itemKey(v: unknown): string {
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const id = (v as Record<string, unknown>).id;
    if (typeof id === 'string') return `id\u0000${id}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Aligns two lists; shared prefixes and suffixes are matched by identity before diffing the middle. */
export function planList(old: readonly unknown[], target: readonly unknown[]): ListPlan {
  const plan: ListPlan = { pairs: [], deleted: [], inserted: new Map() };
  let lo = 0;
  while (lo < old.length && lo < target.length && old[lo] === target[lo]) lo++;
  let oe = old.length;
  let te = target.length;
  while (oe > lo && te > lo && old[oe - 1] === target[te - 1]) {
    oe--;
    te--;
  }
  for (let k = 0; k < lo; k++) plan.pairs.push([k, k]);
  let i = lo;
  let j = lo;
  let anchor = lo - 1;
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    const m = Math.min(removed.length, added.length);
    for (let k = 0; k < m; k++) plan.pairs.push([removed[k] as number, added[k] as number]);
    if (m > 0) anchor = removed[m - 1] as number;
    for (const r of removed.slice(m)) plan.deleted.push(r);
    for (const a of added.slice(m)) push(plan.inserted, anchor, a);
    removed = [];
    added = [];
  };
  const changes = diffArrays(old.slice(lo, oe).map(itemKey), target.slice(lo, te).map(itemKey));
  for (const change of changes) {
    const count = change.count ?? change.value.length;
    if (change.removed) for (let k = 0; k < count; k++) removed.push(i++);
    else if (change.added) for (let k = 0; k < count; k++) added.push(j++);
    else {
      flush();
      for (let k = 0; k < count; k++) plan.pairs.push([i++, j++]);
      anchor = i - 1;
    }
  }
  flush();
  for (let k = 0; k < old.length - oe; k++) plan.pairs.push([oe + k, te + k]);
  return plan;
}

/** Aligns a map's old keys with the new value's keys (a key replaced at the same position is a rename). */
export function planMap(oldKeys: readonly string[], target: Record<string, unknown>): MapPlan {
  const targetKeys = Object.keys(target);
  const oldSet = new Set(oldKeys);
  const renamedTo = new Map<number, string>();
  targetKeys.forEach((k, i) => {
    const was = oldKeys[i];
    if (!oldSet.has(k) && was !== undefined && !Object.hasOwn(target, was)) renamedTo.set(i, k);
  });
  const plan: MapPlan = { kept: [], removed: [], inserted: new Map() };
  const indexOfNewKey = new Map<string, number>();
  oldKeys.forEach((k, index) => {
    const key = renamedTo.get(index) ?? (Object.hasOwn(target, k) ? k : undefined);
    if (key === undefined) plan.removed.push(index);
    else {
      plan.kept.push({ index, key });
      indexOfNewKey.set(key, index);
    }
  });
  let anchor = -1;
  for (const k of targetKeys) {
    const at = indexOfNewKey.get(k);
    if (at !== undefined) anchor = at;
    else push(plan.inserted, anchor, k);
  }
  return plan;
}
