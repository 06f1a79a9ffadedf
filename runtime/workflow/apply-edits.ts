/**
 * Applies canvas edits to a workflow's YAML text. The text stays the source of truth: an untouched
 * file comes back byte for byte, and an edit changes only the lines it must; comments, key order,
 * quoting and blank lines everywhere else keep their original bytes.
 *
 * Each edit is applied to the file's plain value (edit-model.ts), then the text is patched toward the
 * new value (yaml-patch.ts) and the result is parsed again and compared with the value expected: a
 * patch that would not mean exactly that value is never returned. When the fine-grained patch cannot
 * be made exact (anchors, tags, exotic layouts), the changed top-level values are rewritten whole.
 */
import type { WorkflowEdit } from './edit.ts';
import { applyEditToModel, type WorkflowObject } from './edit-model.ts';
import { FlowError } from './errors.ts';
import { detectStyle, type EmitStyle } from './yaml-emit.ts';
import { valueEqual } from './yaml-equal.ts';
import { YamlPatcher } from './yaml-patch.ts';
import { loadYaml, type YamlSource } from './yaml-source.ts';
import { applySplices } from './yaml-splice.ts';

let fallbacks = 0;

/** How many edits so far needed the coarse fallback (tests assert the fine path handled theirs). */
export function fallbackCount(): number {
  return fallbacks;
}

function patched(
  source: YamlSource,
  old: WorkflowObject,
  target: WorkflowObject,
  style: EmitStyle,
  coarse: boolean,
): YamlSource | null {
  const patcher = new YamlPatcher(source.text, style, coarse);
  patcher.patchRoot(source.root, old, target);
  const splices =
    source.eol === '\n'
      ? patcher.splices
      : patcher.splices.map((s) => ({ ...s, text: s.text.replace(/\r?\n/g, '\r\n') }));
  const next = loadYaml(applySplices(source.text, splices));
  return valueEqual(next.js, target) ? next : null;
}

function applyOne(source: YamlSource, edit: WorkflowEdit, style: EmitStyle): YamlSource {
  const old = source.js;
  const target = applyEditToModel(old, edit);
  if (target === old) return source;
  let cause: unknown;
  for (const coarse of [false, true]) {
    try {
      const next = patched(source, old, target, style, coarse);
      if (next) {
        if (coarse) fallbacks++;
        return next;
      }
    } catch (e) {
      cause = e;
    }
  }
  throw new FlowError(
    'edit-failed',
    `could not apply the ${edit.type} edit to this file without changing its meaning`,
    { edit: edit.type },
    { cause },
  );
}

/** Applies edits in order and returns the new text (the same string when `edits` is empty). */
export function applyEdits(text: string, edits: readonly WorkflowEdit[]): string {
  if (edits.length === 0) return text;
  let source = loadYaml(text);
  const style = detectStyle(text);
  for (const edit of edits) source = applyOne(source, edit, style);
  return source.text;
}

/** Applies one edit and returns the new text. */
export function applyEdit(text: string, edit: WorkflowEdit): string {
  return applyEdits(text, [edit]);
}

/**
 * Parses `text` ahead of the first edit (e.g. when the studio opens a file, in an idle callback):
 * later edits then only parse the pieces they change. Invalid YAML is ignored here.
 */
export function prepareEdits(text: string): void {
  try {
    loadYaml(text);
  } catch {
    // The edit itself will report the problem with its line and column.
  }
}
