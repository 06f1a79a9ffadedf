/**
 * Every problem of a text as the editor shows it: parse and schema problems, then (when the file
 * parses) references, cycles, expressions and each node's config against its plugin's manifest.
 * Memoised per text and manifest set, since the canvas, inspector and YAML pane all ask.
 */
import type { PluginManifest } from '../../registry/sdk/plugin.ts';
import { problemAt } from '../../runtime/workflow/source-locator.ts';
import type { Problem } from '../../runtime/workflow/types.ts';
import { validateWorkflow } from '../../runtime/workflow/validate-workflow.ts';
import type { Parsed } from './parse-cache.ts';
import { pluginIdOf } from './workflow-graph.ts';

const cache = new WeakMap<ReadonlyMap<string, PluginManifest>, WeakMap<Parsed, Problem[]>>();

/** The problems of a parse; plugin checks only once manifests are known (else all would be "unknown"). */
export function workflowProblems(parsed: Parsed, manifests: ReadonlyMap<string, PluginManifest>): Problem[] {
  let byParse = cache.get(manifests);
  if (!byParse) {
    byParse = new WeakMap();
    cache.set(manifests, byParse);
  }
  const hit = byParse.get(parsed);
  if (hit) return hit;
  let problems = parsed.problems;
  if (parsed.workflow && parsed.source) {
    try {
      const options = manifests.size
        ? { manifestFor: (uses: string) => manifests.get(pluginIdOf(uses)) }
        : {};
      problems = [...problems, ...validateWorkflow(parsed.source, options)];
    } catch (error) {
      const top = { file: parsed.source.file, line: 1, column: 1, path: '' };
      problems = [...problems, problemAt(top, 'validation', (error as Error).message)];
    }
  }
  byParse.set(parsed, problems);
  return problems;
}
