/**
 * Canvas edits as data. The studio keeps the YAML text as its source of truth and turns every canvas
 * gesture into one of these; `applyEdits` (apply-edits.ts) patches the text so that only the lines
 * the edit needs change, and undo/redo is a stack of texts.
 */
import type { WorkflowNode } from './types.ts';

/** One change to a workflow, named in the builder's words. */
export type WorkflowEdit =
  /** Appended to `nodes` (or right after the node `after`); `position` becomes its layout entry. */
  | { type: 'add-node'; node: WorkflowNode; after?: string; position?: { x: number; y: number } }
  /** Also removes every edge pointing at it (next entries, body, branches, start, fallback) and its layout entry. */
  | { type: 'remove-node'; id: string }
  /** Updates every reference, the layout key and `nodes.<from>` inside `{{ }}` expressions. */
  | { type: 'rename-node'; from: string; to: string }
  /** Sets a value inside a node, e.g. path ['with', 'threshold']; `value: undefined` deletes the key. */
  | { type: 'set-node-field'; id: string; path: Array<string | number>; value: unknown }
  /** Sets a top-level value, e.g. ['name'] or ['inputs', 'message']; `value: undefined` deletes the key. */
  | { type: 'set-field'; path: Array<string | number>; value: unknown }
  /** Adds an edge: a `when`/`on` branch, or (neither given, or `default: true`) the default edge. */
  | {
      type: 'connect';
      from: string;
      to: string;
      when?: string;
      on?: string;
      label?: string;
      default?: boolean;
    }
  /** Removes every edge from `from` to `to`; a list left with only its default collapses to `next: id`. */
  | { type: 'disconnect'; from: string; to: string }
  /** Moves a box on the canvas: only its layout entry changes (rounded to integers). */
  | { type: 'move-node'; id: string; x: number; y: number };

/** The kinds of edit, for exhaustive switches and palettes. */
export type WorkflowEditType = WorkflowEdit['type'];
