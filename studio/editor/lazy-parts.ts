/**
 * The editor parts kept out of the first chunk, and `preloadEditorParts()` to fetch them once the
 * canvas is drawn, so the YAML pane and a node's config form are ready before they are needed.
 */
import { createElement } from 'react';
import { lazyPart } from './lazy-part.ts';

const loading = createElement('p', { className: 'muted small' }, 'Loading…');

/** Holds the YAML pane's place until it is drawn, so the canvas beside it does not move. */
export const yamlPanePlaceholder = createElement('section', {
  className: 'yaml-pane',
  'aria-label': 'YAML',
  'aria-busy': true,
});

/** The YAML pane (CodeMirror with YAML highlighting and lint). */
export const LazyYamlPane = lazyPart(
  () => import('./YamlPane.tsx').then((m) => m.YamlPane),
  yamlPanePlaceholder,
);
/** A node's config form (@rjsf with expression inputs). */
export const LazyConfigForm = lazyPart(() => import('./ConfigForm.tsx').then((m) => m.ConfigForm), loading);
/** A node's next-steps editor (uses the expression input). */
export const LazyNextEditor = lazyPart(() => import('./NextEditor.tsx').then((m) => m.NextEditor), loading);
/** The three-way merge dialog shown on a save conflict. */
export const LazyMergeDialog = lazyPart(() => import('./MergeDialog.tsx').then((m) => m.MergeDialog));

/** Fetches the parts a builder reaches for first (not the merge dialog: conflicts are rare). */
export function preloadEditorParts(): Promise<unknown> {
  return Promise.all([LazyYamlPane.preload(), LazyConfigForm.preload(), LazyNextEditor.preload()]);
}
