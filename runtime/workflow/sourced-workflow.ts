/**
 * A workflow assembled from several files (a base, an `extends:` child, overlays) that still knows
 * where each part was written, so problems found after merging point at the right file and line.
 */
import type { ParsedWorkflow } from './parse-workflow.ts';
import type { JsonPath, Locate } from './source-locator.ts';
import type { Workflow } from './types.ts';

/** One file's contribution: `value` is what that file wrote at `prefix`. */
export interface SourceLayer {
  locate: Locate;
  prefix: JsonPath;
  value: unknown;
}

/** A merged workflow plus, top layer first, where its top-level fields and each node came from. */
export interface SourcedWorkflow {
  workflow: Workflow;
  rootLayers: SourceLayer[];
  /** Parallel to `workflow.nodes`. */
  nodeLayers: SourceLayer[][];
}

/** A single, valid parsed workflow file as a sourced workflow. */
export function sourcedFromParsed(parsed: ParsedWorkflow & { workflow: Workflow }): SourcedWorkflow {
  const workflow = structuredClone(parsed.workflow);
  workflow.nodes ??= []; // an `extends:` child may only change top-level fields
  return {
    workflow,
    rootLayers: [{ locate: parsed.locate, prefix: [], value: parsed.value }],
    nodeLayers: workflow.nodes.map((_, i) => [
      { locate: parsed.locate, prefix: ['nodes', i], value: parsed.workflow.nodes?.[i] },
    ]),
  };
}

/** A `Locate` over the merged workflow's paths that answers with the file that wrote the value. */
export function locateSourced(sourced: SourcedWorkflow): Locate {
  return (path, at) => {
    let layers = sourced.rootLayers;
    let sub = path;
    if (path[0] === 'nodes' && path.length >= 2) {
      const nodeLayers = sourced.nodeLayers[Number(path[1])];
      if (nodeLayers && nodeLayers.length > 0) {
        layers = nodeLayers;
        sub = path.slice(2);
      }
    }
    const layer = layers.find((l) => has(l.value, sub)) ?? layers[layers.length - 1]!;
    return layer.locate([...layer.prefix, ...sub], at);
  };
}

function has(value: unknown, path: JsonPath): boolean {
  let cur = value;
  for (const seg of path) {
    if (typeof cur !== 'object' || cur === null || !(String(seg) in cur)) return false;
    cur = (cur as Record<string, unknown>)[String(seg)];
  }
  return true;
}
